"""The committed units tile the land of the study box: valid, no gaps, no overlaps, all ids."""

from __future__ import annotations

import csv
import json
import re

import pytest
import shapely
from shapely.geometry import Point, shape

from geo.paths import DATA, ROOT, shared_available
from geo.pipeline.geometry_ops import BOX
from geo.pipeline.inputs import read_layer


def _features(relative: str) -> list[dict]:
    return json.loads((DATA / relative).read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def units() -> dict[str, dict]:
    return {f["id"]: f for f in _features("units.geojson")}


@pytest.fixture(scope="module")
def geoms(units: dict[str, dict]) -> dict[str, shapely.Geometry]:
    return {uid: shape(f["geometry"]) for uid, f in units.items()}


def design_unit_ids() -> set[str]:
    text = (ROOT / "docs" / "DESIGN.md").read_text(encoding="utf-8")
    section = text.split("Fixed unit list", 1)[1].split("`data/units.geojson` is written", 1)[0]
    return set(re.findall(r"`([a-z]+(?:-[a-z]+)*)`", section))


def test_every_design_unit_is_drawn(units: dict[str, dict]) -> None:
    assert design_unit_ids() <= set(units)
    assert set(units) <= design_unit_ids()


def test_units_match_the_table_in_order(units: dict[str, dict]) -> None:
    with (DATA / "units.csv").open(encoding="utf-8", newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    assert ids == sorted(ids) == list(units)


def test_geometries_valid_and_a_coverage(geoms: dict[str, shapely.Geometry]) -> None:
    values = list(geoms.values())
    assert all(g.is_valid and not g.is_empty for g in values)
    assert shapely.coverage_is_valid(values)
    union = shapely.union_all(values)
    assert sum(g.area for g in values) == pytest.approx(union.area, abs=1e-9)


def test_units_equal_the_basemap_land(geoms: dict[str, shapely.Geometry]) -> None:
    union = shapely.union_all(list(geoms.values()))
    (land,) = [shape(f["geometry"]) for f in _features("basemap/land.geojson")]
    (sea,) = [shape(f["geometry"]) for f in _features("basemap/sea.geojson")]
    assert shapely.symmetric_difference(union, land).area < 1e-6
    assert shapely.intersection(land, sea).area < 1e-6
    assert shapely.union_all([land, sea]).area == pytest.approx(BOX.area, rel=1e-6)
    assert union.within(BOX.buffer(1e-9))


@pytest.mark.skipif(not shared_available(), reason="shared reference folder not found")
def test_no_gaps_against_natural_earth_land(geoms: dict[str, shapely.Geometry]) -> None:
    admin0 = shapely.intersection(shapely.union_all(read_layer("ne_10m_admin0").geometry), BOX)
    union = shapely.union_all(list(geoms.values()))
    # Only the simplification (about 500 m) may move the coast; no piece of land may go missing.
    assert shapely.difference(admin0, union.buffer(0.01)).area < 1e-6
    assert shapely.symmetric_difference(admin0, union).area / admin0.area < 0.002


def test_each_unit_is_documented(
    units: dict[str, dict], geoms: dict[str, shapely.Geometry]
) -> None:
    for uid, feature in units.items():
        props = feature["properties"]
        assert props["id"] == uid
        assert props["method"].strip(), uid
        assert all(s.startswith("http") for s in props["sources"].split(" | ")), uid
        assert props["uncertainty_km"] > 0, uid
        assert props["resolution"] in {"historical", "modern-outline"}, uid
        assert props["source_units"], uid
        assert props["area_km2"] > 0, uid
        assert geoms[uid].contains(Point(props["label"])), uid


def test_coordinates_have_five_decimals(geoms: dict[str, shapely.Geometry]) -> None:
    coords = shapely.get_coordinates(list(geoms.values()))
    assert (abs(coords * 1e5 - (coords * 1e5).round()) < 1e-6).all()
