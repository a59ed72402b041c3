"""Regenerate ``src/wirespan/data/country_points.csv`` from gvenzl/sample-data's ``countries.csv``.

    python scripts/make_country_points.py countries-cities-currencies/countries.csv

The source (github.com/gvenzl/sample-data, folder countries-cities-currencies,
licence CC BY 4.0, data from GeoNames and the National Geographic Atlas of the
World) gives each country one point "pointing to the average middle of the
country"; for most countries it is GeoNames' own point of the country.  Only
the ISO 3166-1 alpha-2 code and the point are kept, rows sorted by code.
"""
import csv
import sys
from pathlib import Path

from wirespan.layers.locations.countrypoints import COUNTRY_POINTS_FILE

HEADER = ("# Country points: ISO 3166-1 alpha-2 code, latitude, longitude.\n"
          "# From countries.csv of github.com/gvenzl/sample-data (countries-cities-currencies), (c) Gerald Venzl,\n"
          "# CC BY 4.0 (creativecommons.org/licenses/by/4.0/); its sources: GeoNames (geonames.org, CC BY 4.0)\n"
          "# and the National Geographic Atlas of the World. Columns reduced; regenerate with\n"
          "# scripts/make_country_points.py.\n")

rows = []
with open(sys.argv[1], encoding="utf-8", newline="") as fh:
    for r in csv.DictReader(fh):
        if r["COUNTRY_CODE"] and r["LATITUDE"] and r["LONGITUDE"]:
            rows.append((r["COUNTRY_CODE"], float(r["LATITUDE"]), float(r["LONGITUDE"])))
out = Path(__file__).resolve().parents[1] / "src" / "wirespan" / "data" / COUNTRY_POINTS_FILE
with open(out, "w", encoding="utf-8", newline="") as fh:
    fh.write(HEADER)
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(("iso2", "latitude", "longitude"))
    writer.writerows(sorted(rows))
print(f"wrote {out} ({len(rows)} countries)")
