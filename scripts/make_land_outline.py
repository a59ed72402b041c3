"""Regenerate the viewer's bundled land outline from a Natural Earth GeoJSON file.

    python scripts/make_land_outline.py ne_110m_admin_0_countries.geojson

Natural Earth (naturalearthdata.com) is in the public domain.
"""
import json
import sys
from pathlib import Path

from wirespan.viewer.geo import LAND_FILE, simplify_land

source = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
out = Path(__file__).resolve().parents[1] / "src" / "wirespan" / "viewer" / "static" / LAND_FILE
out.write_text(json.dumps(simplify_land(source), separators=(",", ":")) + "\n", encoding="utf-8")
print(f"wrote {out} ({out.stat().st_size} bytes)")
