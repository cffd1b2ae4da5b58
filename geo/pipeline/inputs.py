"""Reading the pipeline's inputs: shared reference geodata plus the project's own hand-made files.

Everything the build reads passes through here so that one guard keeps ``reference-only_*`` files
(restricted or GPL licences) out of anything the project ships.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
from shapely.geometry import LineString, Point

from geo.paths import DATA, shared_dir

REFERENCE_ONLY_PREFIX = "reference-only_"
GEO_SUBDIR = Path("sources") / "geo"


class SharedDataMissing(RuntimeError):
    """The shared reference folder (or one of its geodata files) is not there."""


def geo_dir() -> Path:
    return shared_dir() / GEO_SUBDIR


def require_shared() -> Path:
    """Fail early, before anything is written, when the shared geodata cannot be read."""
    folder = geo_dir()
    if not folder.is_dir():
        raise SharedDataMissing(
            f"shared geodata folder not found: {folder} (set BORDERLANDS_SHARED or place the "
            "shared folder beside the checkout)"
        )
    return folder


def read_layer(name: str) -> gpd.GeoDataFrame:
    """Read one shared GeoJSON layer by file stem; reference-only layers are refused outright."""
    if name.startswith(REFERENCE_ONLY_PREFIX):
        raise ValueError(f"{name}: reference-only layers may not be read by the build")
    path = require_shared() / f"{name}.geojson"
    if not path.is_file():
        raise SharedDataMissing(f"shared geodata file not found: {path}")
    return gpd.read_file(path)


def read_control_points() -> list[dict[str, str]]:
    path = shared_dir() / "research" / "control_points.csv"
    if not path.is_file():
        raise SharedDataMissing(f"research control points not found: {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Place:
    """A sourced point the recipe uses to decide which side of a cut belongs to which unit."""

    id: str
    name: str
    point: Point
    source: str


def read_places(data_dir: Path = DATA) -> dict[str, Place]:
    with (data_dir / "recipes" / "places.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        r["id"]: Place(r["id"], r["name"], Point(float(r["lon"]), float(r["lat"])), r["source"])
        for r in rows
    }


@dataclass(frozen=True)
class DigitizedLine:
    id: str
    title: str
    uncertainty_km: float
    line: LineString


def read_lines(data_dir: Path = DATA) -> dict[str, DigitizedLine]:
    """Rebuild each line from its ordered vertex points, which are the authoritative record."""
    lines: dict[str, DigitizedLine] = {}
    for path in sorted((data_dir / "lines").glob("*.geojson")):
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        vertices = sorted(
            (f for f in features if f["geometry"]["type"] == "Point"),
            key=lambda f: f["properties"]["seq"],
        )
        header = next(f for f in features if f["geometry"]["type"] == "LineString")
        lines[path.stem] = DigitizedLine(
            id=path.stem,
            title=header["properties"]["title"],
            uncertainty_km=float(header["properties"]["uncertainty_km"]),
            line=LineString([v["geometry"]["coordinates"] for v in vertices]),
        )
    return lines


def read_units_table(data_dir: Path = DATA) -> list[dict[str, str]]:
    with (data_dir / "units.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
