"""Geometry helpers for the pipeline: metric buffers, cuts along digitized lines, areas, rounding.

Buffers and areas are metric: buffers use an azimuthal-equidistant projection centred on the
Straits and areas a Lambert equal-area projection centred on the box. The one exception is
``part_near``'s sanity bound, which turns degrees into kilometres at 111 km a degree: it only
rejects a sourced point that lies far off every part, where an error of a few per cent is moot.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import split

from geo.records.model import BUILD_BOUNDS

BOX = shapely.box(*BUILD_BOUNDS)
GRID = 1e-5
STRAITS_AEQD = "+proj=aeqd +lat_0=40.5 +lon_0=27.5 +datum=WGS84 +units=m +no_defs"
BOX_LAEA = "+proj=laea +lat_0=40 +lon_0=36 +datum=WGS84 +units=m +no_defs"


def _reprojector(src: str, dst: str):
    transformer = Transformer.from_crs(src, dst, always_xy=True)

    def apply(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return apply


_TO_AEQD = _reprojector("EPSG:4326", STRAITS_AEQD)
_FROM_AEQD = _reprojector(STRAITS_AEQD, "EPSG:4326")
_TO_LAEA = _reprojector("EPSG:4326", BOX_LAEA)


def buffer_km(geom: BaseGeometry, km: float) -> BaseGeometry:
    """Buffer by a true ground distance (valid around the Straits, where it is used)."""
    metric = shapely.transform(geom, _TO_AEQD)
    return shapely.transform(metric.buffer(km * 1000.0, quad_segs=16), _FROM_AEQD)


def area_km2(geom: BaseGeometry) -> float:
    densified = shapely.segmentize(geom, 0.05)
    return shapely.transform(densified, _TO_LAEA).area / 1e6


def polygons(geom: BaseGeometry) -> list[Polygon]:
    """The polygon parts of any geometry, dropping the lines and points overlays can leave."""
    if isinstance(geom, Polygon):
        return [geom] if not geom.is_empty else []
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in polygons(g)]
    return []


def part_near(geom: BaseGeometry, point: Point, max_km: float) -> Polygon:
    """The polygon part of ``geom`` that holds a sourced point, or lies nearest to it.

    Island points from encyclopedias often fall a little off Natural Earth's generalised coast.
    ``max_km`` is checked roughly (111 km a degree of the planar distance), as a sanity bound.
    """
    parts = polygons(geom)
    best = min(parts, key=lambda p: p.distance(point))
    if best.distance(point) * 111.0 > max_km:
        raise ValueError(f"no part within {max_km} km of {point.wkt}")
    return best


def cut_and_assign(
    area: BaseGeometry,
    lines: Iterable[LineString],
    seeds: Mapping[str, Iterable[Point]],
    default: str,
) -> dict[str, BaseGeometry]:
    """Cut ``area`` along lines and give each piece to the unit whose sourced places it holds.

    Pieces holding no place go to ``default``; a piece holding places of two units, or a place
    that ends up in no piece, means the digitized line is wrong, so the build stops.
    """
    pieces = polygons(area)
    for line in lines:
        pieces = [q for p in pieces for q in polygons(split(p, line))]
    owners: dict[str, list[Polygon]] = {}
    for piece in pieces:
        holders = {unit for unit, points in seeds.items() for pt in points if piece.covers(pt)}
        if len(holders) > 1:
            raise ValueError(f"one piece holds places of several units: {sorted(holders)}")
        owners.setdefault(holders.pop() if holders else default, []).append(piece)
    for unit, points in seeds.items():
        for pt in points:
            if not any(p.covers(pt) for p in owners.get(unit, [])):
                raise ValueError(f"place {pt.wkt} of {unit} is not inside the area being cut")
    return {unit: shapely.union_all(parts) for unit, parts in owners.items()}


def round_coords(obj):
    """Round nested coordinate lists to the 1e-5 grid for writing."""
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], float | int):
            return [round(float(c), 5) + 0.0 for c in obj]
        return [round_coords(o) for o in obj]
    return obj


def geometry_json(geom: BaseGeometry) -> dict:
    """GeoJSON geometry with counter-clockwise exteriors and 5-decimal coordinates."""
    if isinstance(geom, Polygon | MultiPolygon):
        geom = shapely.orient_polygons(geom)
    mapping = shapely.geometry.mapping(geom)
    return {"type": mapping["type"], "coordinates": round_coords(mapping["coordinates"])}


def label_point(geom: BaseGeometry) -> list[float]:
    """A point inside the largest part that stays inside after rounding to 5 decimals."""
    largest = max(polygons(geom), key=lambda p: p.area)
    candidate = largest.point_on_surface()
    rounded = Point(round(candidate.x, 5), round(candidate.y, 5))
    if not largest.contains(rounded):
        rounded = Point(round(largest.centroid.x, 5), round(largest.centroid.y, 5))
        if not largest.contains(rounded):
            rounded = candidate
    return [round(rounded.x, 5), round(rounded.y, 5)]


def renode_coverage(geoms: list[BaseGeometry]) -> list[BaseGeometry]:
    """Rebuild the units from one noded arrangement so that neighbours share identical edges.

    Sub-units cut from different source layers meet along edges that agree only to a metre and
    carry different vertices; polygonizing all boundaries together, snapped to the output grid,
    gives every face one owner (the unit holding its interior point, or the one overlapping it
    most) and faces owned by nobody are sea.
    """
    noded = shapely.union_all([g.boundary for g in geoms], grid_size=GRID)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    tree = shapely.STRtree(geoms)
    owned: list[list[Polygon]] = [[] for _ in geoms]
    for face in faces:
        inside = face.representative_point()
        hits = [int(i) for i in tree.query(inside) if geoms[i].covers(inside)]
        if len(hits) > 1:
            hits = [max(hits, key=lambda i: shapely.intersection(geoms[i], face).area)]
        if hits:
            owned[hits[0]].append(face)
    result = [shapely.union_all(parts) for parts in owned]
    for before, after in zip(geoms, result, strict=True):
        if abs(before.area - after.area) > max(1e-4, 0.01 * before.area):
            raise ValueError(f"renoding changed a unit's area: {before.area} -> {after.area}")
    return result
