"""The whole chronology as a time-enabled GIS layer: one feature per unit and period.

A historian who works in QGIS wants the atlas as data, not as one picture per date. Each period
of ``data/chronology.csv`` becomes a feature carrying its unit's outline and its dates, so the
QGIS Temporal Controller can animate the map; claims go into a second layer with their own dates.

Dates follow the engine: ``start`` is the first day of a period, ``end`` the first day it no
longer holds (half-open, like ``Period.covers``), which is what QGIS's default limit mode
"Include start, exclude end" expects. A period still running when the study range closes has no
end in the data; here its ``end`` is ``OPEN_END`` (the day after the range) and ``end_open`` is
true, so that QGIS's "full range" spans 1878-1991 and nobody reads the filler as a historical
date.

The files are not committed: they repeat every outline once per period and are made from
``data/`` in a few seconds, by the Sources page's download buttons or by the CLI::

    python -m geo.web.timelayer --out DIR
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyogrio
import shapely
from shapely.geometry import mapping, shape

from geo.engine.timeline import Atlas, DataError
from geo.pipeline.build import feature_collection_text
from geo.records.model import RANGE_END, STATUS_LABELS, Claim, Period
from geo.web.mapview import holder_colour

OPEN_END = RANGE_END + timedelta(days=1)
COORDINATE_DECIMALS = 5
PERIODS_LAYER = "periods"
CLAIMS_LAYER = "claims"
BASENAME = "borderlands-atlas_timelayer"
# GeoPackage 1.2 rather than GDAL 3.12's default 1.4: the GDAL 3.6 inside Debian's QGIS 3.22
# warns that it supports a 1.4 file only partly; the layer uses nothing newer than 1.2.
GPKG_OPTIONS = {"METADATA_TABLES": "NO", "VERSION": "1.2"}

# Field name -> what it holds; the README's field table is written from the same words.
PERIOD_FIELDS: dict[str, str] = {
    "unit": "unit id (as in data/units.csv)",
    "unit_name": "English name of the unit",
    "unit_kind": "focus, straits or context",
    "start": "first day of the period (date)",
    "end": "first day the period no longer holds (date, exclusive)",
    "end_open": "true when the period runs past the study range; end is then 1991-12-27",
    "days": "length of the period in days (end - start)",
    "start_range": "where sources disagree: earliest..latest start, else empty",
    "holder": "holder id (as in data/holders.csv)",
    "holder_name": "holder as the map names it, with the union republic if any",
    "within": "id of the state a union republic belonged to, else empty",
    "status": "sovereign, occupied, administered, autonomous, contested or demilitarized",
    "status_label": "status as shown on the map, with the Straits regime if any",
    "regime": "Straits regime in force, else empty",
    "basis_doc": "id of the document the period rests on (data/documents/), else empty",
    "basis_title": "short title of that document",
    "basis_article": "article of that document, else empty",
    "basis_text": "the basis in the project's own words",
    "certainty": "firm, approximate or disputed",
    "uncertainty_km": "how far the drawn outline may lie from the historical one (km)",
    "resolution": "historical, or modern-outline for context areas drawn at today's extent",
    "sources": "URLs of the sources, separated by ' | '",
    "note": "the project's note on the period",
    "colour": "fill colour of the holder on the atlas map (#RRGGBB)",
}
CLAIM_FIELDS: dict[str, str] = {
    "unit": "unit id the claim lies over",
    "unit_name": "English name of the unit",
    "start": "first day of the claim (date)",
    "end": "first day the claim no longer stands (date, exclusive)",
    "end_open": "true when the claim runs past the study range; end is then 1991-12-27",
    "days": "length of the claim in days (end - start)",
    "claimant": "claimant id (as in data/holders.csv)",
    "claimant_name": "claimant as the map names it",
    "within": "id of the state a claiming union republic belonged to, else empty",
    "kind": "claim, award, demand, treaty-never-in-force or disputed-regime",
    "in_force": "true when the claim rested on a text in force",
    "extent": "named (the text names the area) or inferred (deduced by the project)",
    "basis_doc": "id of the document behind the claim, else empty",
    "basis_title": "short title of that document",
    "basis_article": "article of that document, else empty",
    "basis_text": "the basis in the project's own words",
    "sources": "URLs of the sources, separated by ' | '",
    "note": "the project's note on the claim",
    "colour": "stripe colour of the claimant on the atlas map (#RRGGBB)",
}


def _end(record: Period | Claim) -> tuple[date, bool]:
    return (record.end, False) if record.end is not None else (OPEN_END, True)


def _title(atlas: Atlas, doc_id: str) -> str:
    doc = atlas.documents.get(doc_id)
    return (doc.short_title or doc.title) if doc else ""


def period_row(atlas: Atlas, period: Period) -> dict[str, Any]:
    unit = atlas.units[period.unit]
    end, open_end = _end(period)
    label = STATUS_LABELS.get(period.status, period.status)
    return {
        "unit": period.unit,
        "unit_name": unit.name_en,
        "unit_kind": unit.kind,
        "start": period.start,
        "end": end,
        "end_open": open_end,
        "days": (end - period.start).days,
        "start_range": "..".join(d.isoformat() for d in period.start_range)
        if period.start_range else "",
        "holder": period.holder,
        "holder_name": atlas.holder_name(period.holder, period.within),
        "within": period.within,
        "status": period.status,
        "status_label": f"{label} ({period.regime})" if period.regime else label,
        "regime": period.regime,
        "basis_doc": period.basis_doc,
        "basis_title": _title(atlas, period.basis_doc),
        "basis_article": period.basis_article,
        "basis_text": period.basis_text,
        "certainty": period.certainty,
        "uncertainty_km": float(unit.uncertainty_km),
        "resolution": unit.resolution,
        "sources": " | ".join(period.sources),
        "note": period.note,
        "colour": holder_colour(period.holder, atlas.holders),
    }


def claim_row(atlas: Atlas, claim: Claim) -> dict[str, Any]:
    unit = atlas.units[claim.unit]
    end, open_end = _end(claim)
    return {
        "unit": claim.unit,
        "unit_name": unit.name_en,
        "start": claim.start,
        "end": end,
        "end_open": open_end,
        "days": (end - claim.start).days,
        "claimant": claim.claimant,
        "claimant_name": atlas.claimant_name(claim),
        "within": claim.within,
        "kind": claim.kind,
        "in_force": bool(claim.in_force),
        "extent": claim.extent,
        "basis_doc": claim.basis_doc,
        "basis_title": _title(atlas, claim.basis_doc),
        "basis_article": claim.basis_article,
        "basis_text": claim.basis_text,
        "sources": " | ".join(claim.sources),
        "note": claim.note,
        "colour": holder_colour(claim.claimant, atlas.holders),
    }


def _geometry(atlas: Atlas, unit_id: str) -> shapely.Geometry | None:
    """The unit's outline, rounded to 5 decimals (about a metre), exterior rings anticlockwise."""
    raw = atlas.geometries.get(unit_id)
    if raw is None:
        return None
    geom = shapely.orient_polygons(shape(raw), exterior_cw=False)
    return shapely.transform(geom, lambda xy: np.round(xy, COORDINATE_DECIMALS))


def _frame(rows: list[dict[str, Any]], fields: Mapping[str, str],
           geometries: list[shapely.Geometry | None]) -> gpd.GeoDataFrame:  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(fields))
    return gpd.GeoDataFrame(frame, geometry=geometries, crs="EPSG:4326")


def periods_frame(atlas: Atlas) -> gpd.GeoDataFrame:
    """Every period of every unit, ordered by unit then start (a stable, diffable order)."""
    periods = [p for uid in sorted(atlas.units) for p in atlas.history(uid)]
    shapes = {uid: _geometry(atlas, uid) for uid in atlas.units}
    return _frame([period_row(atlas, p) for p in periods], PERIOD_FIELDS,
                  [shapes[p.unit] for p in periods])  # fmt: skip


def claims_frame(atlas: Atlas) -> gpd.GeoDataFrame:
    claims = [c for uid in sorted(atlas.units) for c in atlas.claims_of(uid)]
    shapes = {uid: _geometry(atlas, uid) for uid in atlas.units}
    return _frame([claim_row(atlas, c) for c in claims], CLAIM_FIELDS,
                  [shapes[c.unit] for c in claims])  # fmt: skip


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def geojson_text(frame: gpd.GeoDataFrame) -> str:
    """RFC 7946 GeoJSON with ISO dates, one feature per line so that two versions diff well.

    Written by hand rather than by GDAL so that dates stay ``YYYY-MM-DD`` strings (GDAL and
    QGIS read them back as date fields) and the output is byte-for-byte reproducible.
    """
    fields = [c for c in frame.columns if c != frame.geometry.name]
    rows = zip(frame[fields].itertuples(index=False), frame.geometry, strict=True)
    features = [
        {
            "type": "Feature",
            "id": number,
            "properties": {name: _json_value(v) for name, v in zip(fields, row, strict=True)},
            "geometry": mapping(geom) if geom is not None else None,
        }
        for number, (row, geom) in enumerate(rows, start=1)
    ]
    return feature_collection_text(features)


def _for_gdal(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dates as Arrow ``date32``: through pyogrio's Arrow path GDAL then writes DATE fields
    (pandas' datetime64 would become DATETIME, and QGIS would show a time of day)."""
    out = frame.copy()
    for name in ("start", "end"):
        out[name] = out[name].astype(pd.ArrowDtype(pa.date32()))
    return out


def layers(atlas: Atlas) -> dict[str, gpd.GeoDataFrame]:
    return {PERIODS_LAYER: periods_frame(atlas), CLAIMS_LAYER: claims_frame(atlas)}


def geopackage_bytes(atlas: Atlas) -> bytes:
    """Both layers in one GeoPackage (pyogrio needs a real file for a second layer)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{BASENAME}.gpkg"
        write_geopackage(layers(atlas), path)
        return path.read_bytes()


def write_geopackage(frames: Mapping[str, gpd.GeoDataFrame], path: Path) -> None:
    """One layer per frame, dates as GeoPackage DATE fields, polygons promoted to multipolygons."""
    path.unlink(missing_ok=True)
    for layer, frame in frames.items():
        pyogrio.write_dataframe(
            _for_gdal(frame), path, layer=layer, driver="GPKG", promote_to_multi=True,
            append=path.exists(), use_arrow=True, dataset_options=GPKG_OPTIONS,
            layer_options={"DESCRIPTION": f"Borderlands Atlas {layer}, 1878-1991"},
        )  # fmt: skip


def write_all(atlas: Atlas, out_dir: Path) -> list[Path]:
    """The GeoPackage and one GeoJSON file per layer, as offered for download."""
    out_dir.mkdir(parents=True, exist_ok=True)
    frames = layers(atlas)
    gpkg = out_dir / f"{BASENAME}.gpkg"
    write_geopackage(frames, gpkg)
    written = [gpkg]
    for layer, frame in frames.items():
        path = out_dir / f"{BASENAME}_{layer}.geojson"
        path.write_text(geojson_text(frame), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m geo.web.timelayer",
        description="Write the whole chronology as a time-enabled layer (GeoPackage + GeoJSON).",
    )
    parser.add_argument("--out", required=True, type=Path, help="directory to write into")
    args = parser.parse_args(argv)
    if args.out.exists() and not args.out.is_dir():
        parser.error(f"--out {args.out} exists and is not a directory")
    try:
        atlas = Atlas.load()
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    for path in write_all(atlas, args.out):
        print(f"{path}  {path.stat().st_size / 1024:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
