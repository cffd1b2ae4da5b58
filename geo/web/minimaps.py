"""Small static SVG maps: the region dossiers' small multiples, tour thumbnails, printed handouts.

A dossier shows the region at every change of holder; a live Leaflet map per change would load
the map libraries a dozen times, so these are drawn here as plain SVG from the unit geometries,
through one template (``templates/svg_map.svg.j2``) with autoescape on. Fills must be ``#rrggbb``
colours; unit names, when given as titles, reach the SVG escaped. The sea is the map's sea.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

import shapely
from markupsafe import Markup
from shapely.geometry import MultiPolygon, Polygon, box, shape

from geo.records.model import Bounds
from geo.web.mapview import SEA_COLOUR
from geo.web.render import render

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
NO_HOLDER = "#dddddd"
FOCUS_STROKE = "#111111"


def frame(geometry: Mapping[str, Any], margin: float = 0.4) -> Bounds:
    """The unit's bounds grown by ``margin`` of its size, and never narrower than half a degree."""
    minx, miny, maxx, maxy = shape(geometry).bounds
    pad_x = max((maxx - minx) * margin, 0.25)
    pad_y = max((maxy - miny) * margin, 0.25)
    return (minx - pad_x, miny - pad_y, maxx + pad_x, maxy + pad_y)


def _rings(geom: Polygon | MultiPolygon) -> list[list[tuple[float, float]]]:
    polygons = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
    rings = []
    for polygon in polygons:
        rings.append(list(polygon.exterior.coords))
        rings.extend(list(hole.coords) for hole in polygon.interiors)
    return rings


def _path(
    geom: Polygon | MultiPolygon, project: Callable[[float, float], tuple[float, float]]
) -> str:
    parts = []
    for ring in _rings(geom):
        points = [project(x, y) for x, y in ring]
        parts.append("M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in points) + "Z")
    return "".join(parts)


def _polygonal(geom: shapely.Geometry) -> Polygon | MultiPolygon | None:
    """Clipping can return collections with stray lines; keep only the areas."""
    if isinstance(geom, Polygon | MultiPolygon):
        return None if geom.is_empty else geom
    polygons = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon) and not g.is_empty]
    return MultiPolygon(polygons) if polygons else None


def minimap_svg(
    geometries: Mapping[str, Mapping[str, Any]],
    fills: Mapping[str, str],
    outlined: Collection[str],
    bounds: Bounds,
    width: int = 240,
    *,
    height: int | None = None,
    titles: Mapping[str, str] | None = None,
    label: str = "",
) -> Markup:
    """Draw every unit that reaches into ``bounds``, filled by ``fills``, ``outlined`` in black.

    The drawing is ``width`` wide, or fits inside ``width`` × ``height`` when a height is given.
    Longitude is scaled by the cosine of the middle latitude so shapes are not stretched sideways.
    ``label`` says in words what the drawing shows: screen readers announce it as the image.
    """
    minx, miny, maxx, maxy = bounds
    squeeze = math.cos(math.radians((miny + maxy) / 2))
    scale = width / ((maxx - minx) * squeeze)
    if height is not None:
        scale = min(scale, height / (maxy - miny))

    def project(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - minx) * squeeze * scale, (maxy - lat) * scale)

    window = box(*bounds)
    tolerance = 0.7 / scale  # about a pixel: small maps need a fraction of the vertices
    shapes = []
    outlines = []
    for unit_id in sorted(geometries):
        geom = shape(geometries[unit_id])
        if not geom.intersects(window):
            continue
        clipped = _polygonal(
            shapely.clip_by_rect(geom, *bounds).simplify(tolerance, preserve_topology=True)
        )
        if clipped is None:
            continue
        colour = fills.get(unit_id, NO_HOLDER)
        if not COLOUR.match(colour):
            raise ValueError(f"fill for {unit_id!r} is not a #rrggbb colour")
        path = _path(clipped, project)
        title = (titles or {}).get(unit_id, "")
        shapes.append({"d": path, "fill": colour, "title": title})
        if unit_id in outlined:
            outlines.append(path)
    return render(
        "svg_map.svg.j2",
        width=round((maxx - minx) * squeeze * scale, 1),
        height=round((maxy - miny) * scale, 1),
        sea=SEA_COLOUR,
        outline=FOCUS_STROKE,
        shapes=shapes,
        outlines=outlines,
        label=label,
    )
