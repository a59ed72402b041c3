"""The one home of wirespan's version: pyproject, the card, checksums and Croissant read it from here."""

__version__ = "0.2.0"
