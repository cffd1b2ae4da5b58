"""``data/datapackage.json``: the atlas's data as a Frictionless Data Package.

A researcher who cites the atlas wants its data as a dataset: every file with its format, the
tables with their fields and types, licences and sources. The package is generated from the
table schemas the loaders and ``geo.validate`` use (``geo.records.table_schemas``) and from the
declarations below, and committed; a test fails when the committed file differs from what this
module makes, or when a file in ``data/`` is not declared here. After any change of a schema or of
the set of files, run ``python -m geo.records.datapackage`` (then ``geo.records.citation_cff``,
since the package is part of the data version).

The package carries no version of its own: the data version is the content hash of ``data/``,
this file included (``geo.records.version``), so it is given by ``CITATION.cff`` and the app's
citations. The project has not declared a licence for its own work; the package says so instead
of inventing one, and names the licence of every third-party source a file rests on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import yaml

from geo.paths import DATA
from geo.records.citation_cff import KEYWORDS
from geo.records.generated import command_main
from geo.records.schema import Table
from geo.records.table_schemas import (
    CHRONOLOGY,
    CLAIMS,
    EVENTS,
    HOLDERS,
    PLACES,
    SEARCH_ALIASES,
    SOURCE_CLASSES,
    SOVIET_AID,
    TABLES,
    UNITS,
)
from geo.records.version import data_files

PACKAGE_FILE = "datapackage.json"
NATURAL_EARTH_URL = "https://www.naturalearthdata.com/"

License = dict[str, str]
Source = dict[str, str]

OWN_WORK: License = {
    "title": "The project's own work; no licence has been declared yet (see SOURCES.md)",
    "path": "SOURCES.md",
}
NATURAL_EARTH_PD: License = {
    "name": "other-pd",
    "title": "Natural Earth: public domain; credit asked: Made with Natural Earth",
    "path": "https://www.naturalearthdata.com/about/terms-of-use/",
}
CC_BY_4: License = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 (GeoNames coordinates)",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
CC_BY_3: License = {
    "name": "CC-BY-3.0",
    "title": "Creative Commons Attribution 3.0 (Pleiades coordinates)",
    "path": "https://creativecommons.org/licenses/by/3.0/",
}
CC_BY_SA_4: License = {
    "name": "CC-BY-SA-4.0",
    "title": "Creative Commons Attribution-ShareAlike 4.0 (Wikipedia text)",
    "path": "https://creativecommons.org/licenses/by-sa/4.0/",
}

PER_ROW: Source = {"title": "Cited row by row in the sources column"}
NATURAL_EARTH: Source = {"title": "Natural Earth 5.1.1 (via the shared reference folder)",
                         "path": NATURAL_EARTH_URL}  # fmt: skip
PER_VERTEX: Source = {"title": "Cited vertex by vertex"}
GEONAMES: Source = {"title": "GeoNames gazetteer", "path": "https://www.geonames.org/"}
PLEIADES: Source = {"title": "Pleiades gazetteer", "path": "https://pleiades.stoa.org/"}
AID_SEED: Source = {
    "title": "Soviet Union–Turkey relations, English Wikipedia (mirrored by TheInfoList), "
             "citing H. Çakmak, Türk dış politikası, 1919–2008 (2008), p. 126",
    "path": "https://en.wikipedia.org/wiki/Soviet_Union%E2%80%93Turkey_relations",
}  # fmt: skip


@dataclass(frozen=True)
class Files:
    """A family of non-tabular files: ``pattern`` relative to ``data/``, one resource each."""

    pattern: str
    prefix: str
    format: str
    mediatype: str
    title: str
    description: str
    licenses: tuple[License, ...]
    sources: tuple[Source, ...]

    def resource(self, relative: str) -> dict[str, Any]:
        stem = Path(relative).name.split(".")[0]
        return {
            "name": f"{self.prefix}{stem}",
            "path": relative,
            "profile": "data-resource",
            "title": self.title.format(stem=stem),
            "description": self.description,
            "format": self.format,
            "mediatype": self.mediatype,
            "encoding": "utf-8",
            "licenses": [dict(item) for item in self.licenses],
            "sources": [dict(item) for item in self.sources],
        }


TABLE_LICENSES: dict[str, tuple[License, ...]] = {
    UNITS.name: (OWN_WORK, NATURAL_EARTH_PD),
    HOLDERS.name: (OWN_WORK,),
    CHRONOLOGY.name: (OWN_WORK,),
    CLAIMS.name: (OWN_WORK,),
    EVENTS.name: (OWN_WORK,),
    SEARCH_ALIASES.name: (OWN_WORK, CC_BY_SA_4),
    SOVIET_AID.name: (OWN_WORK, CC_BY_SA_4),
    PLACES.name: (OWN_WORK, CC_BY_4, CC_BY_3),
    SOURCE_CLASSES.name: (OWN_WORK,),
}
TABLE_SOURCES: dict[str, tuple[Source, ...]] = {
    UNITS.name: (PER_ROW, NATURAL_EARTH),
    SEARCH_ALIASES.name: (PER_ROW,),
    SOVIET_AID.name: (AID_SEED,),
    PLACES.name: ({"title": "Cited row by row in the source column"}, GEONAMES, PLEIADES),
}

TEXTS = "texts/*.md"
GEOJSON = ("geojson", "application/geo+json")
YAML = ("yaml", "application/yaml")
FILES = (
    Files("units.geojson", "", *GEOJSON, "Region outlines",
          "One polygon feature per unit of units.csv (feature id = unit id), sorted by id, "
          "WGS 84 longitude/latitude to 5 decimals; together the units cover the land of "
          "22-50°E, 34-46°N without gap or overlap. Properties: the units.csv columns, plus "
          "method (how the outline was made), source_units (source features merged), lines "
          "(digitized lines used to cut it), label ([lon, lat] inside the polygon) and "
          "area_km2 (equal-area). Written by python -m geo.pipeline.build.",
          (OWN_WORK, NATURAL_EARTH_PD), (NATURAL_EARTH, PER_ROW)),
    Files("lines/*.geojson", "line-", *GEOJSON, "Digitized frontier line {stem}",
          "Point features, one per vertex in order (name, source URL, note, seq, kind = "
          "control-point or construction), and the LineString built from them (title, note, "
          "uncertainty_km). Each vertex names the page its coordinate or reasoning comes from.",
          (OWN_WORK, CC_BY_4, CC_BY_3), (PER_VERTEX, GEONAMES, PLEIADES)),
    Files("basemap/*.geojson", "basemap-", *GEOJSON, "Basemap layer: {stem}",
          "Simplified Natural Earth layer for the offline basemap, WGS 84 to 5 decimals; "
          "features carry name, kind and source.",
          (NATURAL_EARTH_PD,), (NATURAL_EARTH,)),
    Files("documents/*.yaml", "document-", *YAML, "Document {stem}",
          "A treaty or record: dates kept apart (signed, ratified, in force), parties, "
          "articles summarised in the project's own words, and verbatim quotations, each "
          "naming the source text file it was checked against. Sources and texts are listed "
          "in the file. Shape: schemas/document.json.",
          (OWN_WORK,), ({"title": "Listed in the file (sources, texts)"},)),
    Files("tours/*.yaml", "tour-", *YAML, "Seminar tour {stem}",
          "A prepared tour: scenes with date, framing, regions, the holder each region must "
          "show, a caption in the project's own words, a question and sources. Shape: "
          "schemas/tour.json.",
          (OWN_WORK,), ({"title": "Listed scene by scene in the file"},)),
    # Not named *.schema.json: frictionless would read such a file as a Table Schema.
    Files("schemas/*.json", "schema-", "json", "application/schema+json",
          "JSON Schema of the {stem} files",
          "The declared shape (keys, types, dates, ids, allowed values) of the YAML files of "
          "that kind; python -m geo.validate checks every file against it and reports the "
          "file, line and key of each problem.",
          (OWN_WORK,), ()),
    Files(TEXTS, "text-", "markdown", "text/markdown", "Full source text {stem}",
          "The complete text of a document whose shared source is complete, copied by python "
          "-m geo.pipeline.texts under a header naming the edition, source URLs and the "
          "licence or reuse basis.",
          (), ()),
    Files("SOURCES.md", "", "markdown", "text/markdown", "Sources, licences and attribution",
          "Every source of the data by kind, with its licence and the attribution it asks for.",
          (OWN_WORK,), ()),
)
EXPLICIT_NAMES = {"units.geojson": "units-geometry", "SOURCES.md": "sources-notes"}


def table_resource(table: Table) -> dict[str, Any]:
    return {
        "name": table.name,
        "path": table.path,
        "profile": "tabular-data-resource",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "schema": table.descriptor(),
        "licenses": [dict(item) for item in TABLE_LICENSES[table.name]],
        "sources": [dict(item) for item in TABLE_SOURCES.get(table.name, (PER_ROW,))],
    }


def relative_files(data_dir: Path) -> list[str]:
    files = (path.relative_to(data_dir).as_posix() for path in data_files(data_dir))
    return [name for name in files if name != PACKAGE_FILE]


def undeclared(names: Iterable[str]) -> list[str]:
    """Files neither a table nor matched by a declared family: each needs a declaration here."""
    tables = {table.path for table in TABLES}
    return [name for name in names
            if name not in tables and not any(fnmatch(name, f.pattern) for f in FILES)]  # fmt: skip


def text_header(path: Path) -> dict[str, Any]:
    """The YAML header of a full text: its licence line and source URLs travel with the file."""
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]) or {}


def file_resources(data_dir: Path, names: list[str]) -> list[dict[str, Any]]:
    found = []
    for family in FILES:
        for name in names:
            if fnmatch(name, family.pattern):
                resource = family.resource(name)
                resource["name"] = EXPLICIT_NAMES.get(name, resource["name"])
                if family.pattern == TEXTS:
                    header = text_header(data_dir / name)
                    resource["licenses"] = [{"title": str(header["licence"]),
                                             "path": "SOURCES.md"}]  # fmt: skip
                    resource["sources"] = [{"title": url, "path": url}
                                           for url in header["sources"]]  # fmt: skip
                found.append(resource)
    return found


def package(data_dir: Path = DATA) -> dict[str, Any]:
    """The package descriptor; raises ValueError naming any file of ``data_dir`` not declared."""
    names = relative_files(data_dir)
    missing = undeclared(names)
    if missing:
        raise ValueError(
            f"not declared in geo/records/datapackage.py or table_schemas.py: {', '.join(missing)}"
        )
    resources = [table_resource(table) for table in TABLES if table.path in names]
    resources += file_resources(data_dir, names)
    return {
        "profile": "data-package",
        "name": "borderlands-atlas-data",
        "title": "Borderlands Atlas data: the Russian/Soviet-Turkish borderlands, 1878-1991",
        "description": (
            "Who held each region of the Russian/Soviet-Turkish borderlands and the Turkish "
            "Straits on every day from 13 July 1878 to 26 December 1991, on what legal basis "
            "and with what certainty: region outlines, the chronology of control, claims, "
            "events, treaty documents with verbatim quotations, and seminar tours. Every "
            "record names its sources. Cite the data version given in CITATION.cff or under "
            "any citation in the app (the content hash of this folder)."
        ),
        "keywords": list(KEYWORDS),
        "contributors": [{"title": "Borderlands Atlas contributors", "role": "author"}],
        "licenses": [dict(OWN_WORK)],
        "sources": [dict(NATURAL_EARTH), dict(GEONAMES), dict(PLEIADES), dict(AID_SEED)],
        "resources": resources,
    }


def package_text(data_dir: Path = DATA) -> str:
    """Stable JSON: keys in the order written above, two-space indent, UTF-8 kept readable."""
    return json.dumps(package(data_dir), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    return command_main(argv, "geo.records.datapackage", DATA / PACKAGE_FILE, package_text,
                        lambda: f"{len(package()['resources'])} resources")


if __name__ == "__main__":
    sys.exit(main())
