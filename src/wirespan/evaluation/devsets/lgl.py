"""LGL (Lieberman, Samet & Sankaranarayanan 2010): local US and world news with GeoNames-grounded toponyms.

Read from ``lgl/lgl.xml`` (the copy in qqilihq/WhatsMissingInGeoparsing).
Each ``<article>`` gives ``<text>`` and ``<toponyms>``; each toponym has code-point
``start``/``end``, its ``phrase`` and, for most, a ``<gaztag>`` with a GeoNames id,
feature class/code, latitude and longitude (626 of 5,088 have none).

Mapping to SPEC §6 (where the conventions differ, see DATACARD.md):

* demonyms and adjectives of place ("Sudanese", "Texan"), which LGL annotates
  and SPEC excludes, are dropped from gold (so a prediction on one is a false alarm);
* streets, roads, highways and other addresses ("Main Street", "Highway 19"),
  which LGL annotates and SPEC does not list, become ``ignore`` spans;
* ``feature`` from the GeoNames feature code; ``use`` is null (LGL does not
  annotate literal vs metonymic use); ``published`` is the download date
  (``dltime``), the nearest LGL gives to a publication date; ``source`` is the
  article's ``domain`` (its newspaper), by which the benchmark groups a paper's
  articles to infer its home (`wirespan.layers.locations.infer_home`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pycountry

from wirespan.evaluation.devsets.base import DevSetData, DevSetError, need, span

ADDRESS = re.compile(r"(?:\b(?:Street|St\.?|Road|Rd\.?|Drive|Dr\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|Lane|Ln\.?|"
                     r"Parkway|Pkwy\.?|Highway|Hwy\.?|Route|Trail|Way|Court|Place|Circle|Pike|Interstate)"
                     r"(?:\s+(?:North|South|East|West|[NSEW]\.?))?|\b\d+[A-Z]?)$")
DEMONYM_END = re.compile(r"(?:an|ans|ese|ish|i|is)$")
FEATURES = {"PCLI": "country", "PCLS": "country", "PCLD": "country", "PCLF": "country", "PCL": "country",
            "ADM1": "region", "ADM2": "region", "ADMD": "region", "RGN": "region", "AREA": "region",
            "PPLC": "city", "PPLA": "city", "PPLA2": "city", "PPL": "town", "PPLX": "district",
            "STM": "river", "CONT": "continent"}


def is_demonym(phrase: str, gaz_name: str | None, fcode: str | None = None) -> bool:
    """An adjective or noun of nationality ("Sudanese", "Russian", "Sri Lankan"): a demonym ending,
    grounded to a country or first-level division, and not ending as that place's own name ends
    ("Sudan" in "Republic of the Sudan", "Michigan", "Czech Republic")."""
    if not gaz_name or not DEMONYM_END.search(phrase):
        return False
    if fcode is not None and not (fcode.startswith("PCL") or fcode in ("ADM1", "ADMD", "RGN")):
        return False
    words = re.sub(r"[^a-z ]", "", phrase.lower()).split()
    name = re.sub(r"[^a-z ]", "", gaz_name.lower()).split()
    return bool(words) and bool(name) and words[-1] != name[-1]


def country_code(name: str | None) -> str | None:
    """ISO 3166-1 alpha-2 of the country name LGL gives, from pycountry (null when it has none)."""
    if not name:
        return None
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


def _location(doc_id: str, text: str, topo: ET.Element, where: str) -> dict[str, Any]:
    start, end = int(topo.findtext("start")), int(topo.findtext("end"))
    gaz = topo.find("gaztag")
    attrs: dict[str, Any] = {"name": topo.findtext("phrase"), "feature": "other", "country_code": None,
                             "geonames_id": None, "latitude": None, "longitude": None, "use": None}
    if gaz is not None:
        fcode = gaz.findtext("fcode") or ""
        attrs.update(name=gaz.findtext("name") or attrs["name"], feature=FEATURES.get(fcode, "other"),
                     geonames_id=int(gaz.get("geonameid")) if gaz.get("geonameid") else None,
                     latitude=float(gaz.findtext("lat")) if gaz.findtext("lat") else None,
                     longitude=float(gaz.findtext("lon")) if gaz.findtext("lon") else None,
                     country_code=country_code(gaz.findtext("country")))
    record = span(doc_id, text, start, end, where, **attrs)
    if record["text"] != topo.findtext("phrase"):
        raise DevSetError(f"{where}: offsets {start}-{end} give {record['text']!r}, "
                          f"the file says {topo.findtext('phrase')!r}")
    return record


def read_xml(source: str | bytes, where: str = "lgl.xml") -> DevSetData:
    """Documents and location gold from the text of an LGL-format XML file."""
    root = ET.fromstring(source)
    data = DevSetData([], [], notes={"demonyms_dropped": 0, "addresses_ignored": 0})
    for article in root.iter("article"):
        doc_id = article.get("docid")
        text = article.findtext("text") or ""
        dltime = article.findtext("dltime")
        data.documents.append({"id": doc_id, "text": text, "published": dltime[:10] if dltime else None,
                               "title": article.findtext("title"), "source": article.findtext("domain")})
        for topo in article.iter("toponym"):
            rec = _location(doc_id, text, topo, f"{where}, article {doc_id}")
            gaz = topo.find("gaztag")
            if gaz is not None and is_demonym(rec["text"], gaz.findtext("name"), gaz.findtext("fcode")):
                data.notes["demonyms_dropped"] += 1
            elif ADDRESS.search(rec["text"]):
                data.notes["addresses_ignored"] += 1
                data.ignore.append(rec)
            else:
                data.gold.append(rec)
    return data


def read(root: Path) -> DevSetData:
    """LGL from ``root/lgl/lgl.xml``."""
    path = need(Path(root) / "lgl" / "lgl.xml")
    return read_xml(path.read_bytes(), str(path))
