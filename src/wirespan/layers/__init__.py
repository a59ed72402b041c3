"""Annotation layers: the registry (`registry`) and one module or subpackage per layer.

Each layer's baseline reads only a document's raw text (and the segments the
segmenter predicts from it); none reads gold. Layers import from `wirespan.text`
and never from the corpus, release, evaluation or command modules above them.
"""
