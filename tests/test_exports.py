"""Exports on the fixture data: RFC 7946 GeoJSON, chronology CSV, offline HTML, SVG, handouts."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import shape

from geo.engine.timeline import Atlas
from geo.pipeline.geometry_ops import geometry_json
from geo.records import tours
from geo.web import exports

FIXTURES = Path(__file__).parent / "fixtures" / "data"
DAY = date(1922, 1, 1)
HOSTILE = "</script><script>alert(1)</script> ${x} <img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(FIXTURES)


def _tour() -> tours.Tour:
    scenes = (
        tours.Scene(date=date(1914, 6, 1), title="Before", caption=HOSTILE, regions=("kars",),
                    bounds=(40.0, 40.0, 44.0, 42.5), question="Why?"),
        tours.Scene(date=DAY, title="After", caption="Turkish.", regions=("kars",),
                    document="treaty-of-moscow-1921", article="II"),
    )  # fmt: skip
    return tours.Tour(id="t", title="Test tour", summary="", scenes=scenes)


def test_file_names_say_what_and_when() -> None:
    assert exports.export_filename("map", "html", DAY) == "borderlands-atlas_map_1922-01-01.html"
    assert (
        exports.export_filename("tour", "html", name="Batumi 1918–1921")
        == "borderlands-atlas_tour_batumi-1918-1921.html"
    )


def test_geojson_follows_rfc7946(atlas: Atlas) -> None:
    text = exports.state_geojson(atlas, DAY)
    data = json.loads(text)
    assert "crs" not in data and data["type"] == "FeatureCollection"
    assert len(data["features"]) == 5
    for feature in data["features"]:
        geom = shape(feature["geometry"])
        assert geom.is_valid
        for poly in getattr(geom, "geoms", [geom]):
            assert poly.exterior.is_ccw, feature["id"]
            assert all(not ring.is_ccw for ring in poly.interiors)
        minx, miny, maxx, maxy = geom.bounds
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
        props = feature["properties"]
        for key in ("holder", "status", "basis", "source", "uncertainty_km"):
            assert key in props
    kars = next(f for f in data["features"] if f["id"] == "kars")["properties"]
    assert (kars["holder"], kars["basis_doc"], kars["basis_article"]) == (
        "turkey", "treaty-of-kars-1921", "")  # fmt: skip


def test_pipeline_reorients_clockwise_rings() -> None:
    """Exports pass the committed geometry through, so the pipeline must write it RFC 7946 way."""
    ring = [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]
    assert not shapely.Polygon(ring).exterior.is_ccw
    out = geometry_json(shapely.Polygon(ring))
    assert shape(out).exterior.is_ccw


def test_geojson_round_trips_through_geopandas(atlas: Atlas, tmp_path: Path) -> None:
    path = tmp_path / "state.geojson"
    path.write_text(exports.state_geojson(atlas, DAY))
    frame = gpd.read_file(path)
    assert frame.crs.to_epsg() == 4326
    assert sorted(frame["id"]) == sorted(atlas.units)
    assert set(frame.loc[frame["id"] == "kars", "holder"]) == {"turkey"}


def test_chronology_csv_has_every_period(atlas: Atlas) -> None:
    rows = list(csv.DictReader(io.StringIO(exports.chronology_csv(atlas))))
    assert tuple(rows[0]) == exports.CHRONOLOGY_HEADER
    assert len(rows) == sum(len(atlas.history(u)) for u in atlas.units)
    kars = [r for r in rows if r["unit"] == "kars"]
    assert kars[0]["holder_name"] == "Russian Empire"
    ranges = [r["start_range"] for r in kars if r["start_range"]]
    assert ranges and all(re.fullmatch(r"\d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d", x) for x in ranges)


def test_offline_html_has_no_remote_reference_and_escapes_text(atlas: Atlas) -> None:
    page = exports.tour_html(atlas, _tour())
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=|<link", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "L.map(" in page and "leaflet" in page.lower()
    assert HOSTILE not in page
    assert page.count("</script>") == page.count("<script")
    payload = page.split('id="atlas-data">', 1)[1].split("</script>", 1)[0]
    frames = json.loads(payload)["frames"]
    assert frames[0]["caption"] == HOSTILE
    assert frames[1]["citation"] == "Treaty of Moscow, Art. II"
    assert frames[1]["holders"]["kars"]["h"] == "Turkey"


def test_svg_and_handout_are_plain_and_escaped(atlas: Atlas) -> None:
    svg = exports.svg_map(atlas, DAY, (40.0, 40.0, 44.0, 42.5), regions=["kars"])
    assert svg.startswith("<svg") and "<script" not in svg
    assert svg.count("<path") == 6  # five units plus the outline of the selected one
    page = exports.handout_html(atlas, _tour(), 0)
    assert HOSTILE not in page and "&lt;/script&gt;" in page
    assert "For discussion" in page


def test_real_layer_is_valid_rfc7946_and_round_trips(tmp_path: Path) -> None:
    """The shipped data, not just the fixture squares: every ring oriented, QGIS-readable."""
    real = Atlas.load()
    day = date(1921, 10, 13)
    text = exports.state_geojson(real, day)
    data = json.loads(text)
    assert "crs" not in data
    for feature in data["features"]:
        geom = shape(feature["geometry"])
        assert geom.is_valid, feature["id"]
        for poly in getattr(geom, "geoms", [geom]):
            assert poly.exterior.is_ccw and not any(r.is_ccw for r in poly.interiors)
        assert feature["properties"]["source"].startswith("http")
    path = tmp_path / exports.export_filename("state", "geojson", day)
    path.write_text(text, encoding="utf-8")
    frame = gpd.read_file(path)
    assert frame.crs.to_epsg() == 4326 and len(frame) == len(real.geometries)
    kars = frame.set_index("id").loc["kars"]
    assert (kars["holder"], kars["status"]) == ("turkey", "sovereign")
    assert kars.geometry.area == pytest.approx(shape(real.geometries["kars"]).area, rel=1e-6)
