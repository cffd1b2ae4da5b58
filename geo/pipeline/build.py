"""Build the atlas geometry: ``python -m geo.pipeline.build [--out DIR]``.

Reads the shared reference geodata (never the ``reference-only_*`` files) and the project's
hand-made inputs (``data/units.csv``, ``data/lines/``, ``data/recipes/places.csv``) and writes
``units.geojson`` plus the offline basemap. Everything is computed in memory before the first
byte is written, so a failed build leaves ``data/`` as it was. Output is byte-for-byte
deterministic, which is what lets the tests compare a fresh build with the committed files.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import shapely

from geo.paths import DATA
from geo.pipeline.basemap import cities, lakes, land_and_sea, rivers
from geo.pipeline.geometry_ops import GRID, area_km2, geometry_json, label_point, renode_coverage
from geo.pipeline.inputs import SharedDataMissing, read_lines, read_places, read_units_table
from geo.pipeline.units import build_unit_shapes

# Coverage-simplification tolerance in degrees (about 500 m): keeps the units file near 250 kB
# while every shared border stays shared.
SIMPLIFY_TOLERANCE = 0.005


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def unit_features() -> list[dict]:
    table = read_units_table()
    shapes = build_unit_shapes(read_places(), read_lines())
    ids = [row["id"] for row in table]
    if sorted(shapes) != sorted(ids):
        missing, extra = set(ids) - set(shapes), set(shapes) - set(ids)
        raise ValueError(f"units.csv and the recipe disagree: missing {missing}, extra {extra}")
    geoms = renode_coverage([shapes[i].geometry for i in ids])
    geoms = list(shapely.coverage_simplify(geoms, SIMPLIFY_TOLERANCE))
    empty = [i for i, g in zip(ids, geoms, strict=True) if g.is_empty]
    if empty or not shapely.coverage_is_valid(geoms):
        raise ValueError(f"unit coverage is not valid (empty units: {empty})")
    features = []
    for row, geom in zip(table, geoms, strict=True):
        shape = shapes[row["id"]]
        properties: dict[str, Any] = {**row, "uncertainty_km": _number(row["uncertainty_km"])}
        properties |= {
            "method": shape.method,
            "source_units": shape.source_units,
            "lines": shape.lines,
            "label": label_point(geom),
            "area_km2": round(area_km2(geom), 1),
        }
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "properties": properties,
                "geometry": geometry_json(geom),
            }
        )
    return features


def feature_collection_text(features: list[dict]) -> str:
    """One feature per line, so that diffs of the committed layers stay readable."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def build_outputs() -> dict[str, str]:
    """All output files as text, keyed by path relative to the data folder."""
    units = unit_features()
    land = shapely.set_precision(
        shapely.union_all([shapely.geometry.shape(f["geometry"]) for f in units]), GRID
    )
    land_features, sea_features = land_and_sea(land)
    layers = {
        "units.geojson": units,
        "basemap/land.geojson": land_features,
        "basemap/sea.geojson": sea_features,
        "basemap/lakes.geojson": lakes(land),
        "basemap/rivers.geojson": rivers(),
        "basemap/cities.geojson": cities(),
    }
    return {path: feature_collection_text(features) for path, features in layers.items()}


def write_outputs(outputs: dict[str, str], out_dir: Path) -> None:
    for relative, text in outputs.items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.pipeline.build", description=__doc__)
    parser.add_argument("--out", type=Path, default=DATA, help="output folder (default: data/)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        outputs = build_outputs()
    except SharedDataMissing as exc:
        print(f"geo.pipeline.build: {exc}; nothing was written.", file=sys.stderr)
        return 2
    write_outputs(outputs, args.out)
    sizes = ", ".join(f"{p} {len(t.encode('utf-8')) // 1024} kB" for p, t in outputs.items())
    print(f"geo.pipeline.build: wrote {sizes} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
