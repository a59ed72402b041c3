"""A static viewer of the corpus, of predictions against it, and of its variant pairs.

`build_site(corpus, out)` writes plain HTML, CSS and a little JavaScript
that open from disk or any static server: no network, no CDN, no tiles.
"""

from wirespan.viewer.site import Site, build_site

__all__ = ["Site", "build_site"]
