"""Offline basemap layers: land, sea, lakes, major rivers and a few dozen places.

The map must draw without any tile server, so these small layers replace the usual web tiles.
"""

from __future__ import annotations

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo.pipeline.geometry_ops import BOX, GRID, area_km2, geometry_json, polygons
from geo.pipeline.inputs import read_control_points, read_layer

NE_PHYSICAL = "https://www.naturalearthdata.com/downloads/10m-physical-vectors/"
NE_CULTURAL = "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/"
LAKE_MIN_KM2 = 40.0
WATER_TOLERANCE = 0.005
CITY_MAX_SCALERANK = 4
# Natural Earth spells several rivers more than one way and splits them at borders; these
# spellings cover the rivers that matter for the borderlands and the Straits hinterland.
RIVERS = {
    "Akhurian": "Akhurian (Arpaçay)",
    "Al Furat": "Euphrates",
    "Aras": "Aras",
    "Coruh": "Çoruh",
    "Dicle": "Tigris",
    "Euphrates": "Euphrates",
    "Evros": "Maritsa (Evros, Meriç)",
    "Firat": "Euphrates",
    "Karasu": "Karasu",
    "Kura": "Kura",
    "Maritsa": "Maritsa (Evros, Meriç)",
    "Murat": "Murat",
    "Tigris": "Tigris",
}
CITY_KINDS = {"town"}


def _feature(properties: dict, geom: BaseGeometry) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry_json(geom)}


def land_and_sea(land: BaseGeometry) -> tuple[list[dict], list[dict]]:
    source = {"source": NE_CULTURAL, "note": "union of the atlas units"}
    sea = shapely.set_precision(shapely.difference(BOX, land), GRID)
    return [_feature({"name": "land", **source}, land)], [
        _feature({"name": "sea", "source": NE_CULTURAL, "note": "study box minus land"}, sea)
    ]


def lakes(land: BaseGeometry) -> list[dict]:
    layer = read_layer("ne_10m_lakes")
    features = []
    for row in layer.itertuples():
        geom = shapely.intersection(row.geometry, land)
        if geom.is_empty or area_km2(geom) < LAKE_MIN_KM2:
            continue
        geom = shapely.set_precision(geom.simplify(WATER_TOLERANCE), GRID)
        if not polygons(geom):
            continue
        name = row.name if isinstance(row.name, str) else ""
        features.append((name, geom.bounds, _feature({"name": name, "source": NE_PHYSICAL}, geom)))
    return [f for _, _, f in sorted(features, key=lambda t: (t[0], t[1]))]


def rivers() -> list[dict]:
    layer = read_layer("ne_10m_rivers")
    merged: dict[str, list[BaseGeometry]] = {}
    for row in layer.itertuples():
        if row.name in RIVERS:
            merged.setdefault(RIVERS[row.name], []).append(row.geometry)
    features = []
    for name in sorted(merged):
        geom = shapely.line_merge(shapely.union_all(merged[name]))
        geom = shapely.set_precision(geom.simplify(WATER_TOLERANCE), GRID)
        features.append(_feature({"name": name, "source": NE_PHYSICAL}, geom))
    return features


def cities() -> list[dict]:
    """Main places from Natural Earth plus the sourced towns of the research control points."""
    places: dict[str, dict] = {}
    for row in read_layer("ne_10m_populated_places").itertuples():
        if row.SCALERANK <= CITY_MAX_SCALERANK or row.ADM0CAP == 1:
            places[row.NAME] = _feature(
                {"name": row.NAME, "kind": "populated-place", "source": NE_CULTURAL},
                Point(row.LONGITUDE, row.LATITUDE),
            )
    for row in read_control_points():
        if row["kind"] not in CITY_KINDS or not row["lat"] or row["name"] in places:
            continue
        places[row["name"]] = _feature(
            {"name": row["name"], "kind": "control-point", "source": row["source_url"]},
            Point(float(row["lon"]), float(row["lat"])),
        )
    return [places[name] for name in sorted(places)]
