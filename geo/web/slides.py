"""Slide images of any Atlas view, drawn on the server: no browser, no network.

A lecturer pastes the map of a date into a presentation. The picture must say what the live map
says, so the decisions come from the live map's own code: ``StateLayers.describe`` gives every
unit's Leaflet style (colour, opacity, dots, dashes) and the claim and Straits overlays, and this
module only translates those styles into matplotlib. Sizes are in screen pixels at ``DPI``; a
1280x720 slide is the 1920x1080 one scaled down, so both look alike on a projector.

    python -m geo.web.slides --date 1921-10-13 --region kars --view "Caucasus frontier" \\
        --size 1920x1080 --out kars.png
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
import textwrap
import weakref
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import matplotlib
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from shapely.geometry import shape

from geo.engine.timeline import Atlas, DataError
from geo.paths import DATA
from geo.records.model import RANGE_END, RANGE_START, long_date, parse_date
from geo.records.version import data_version
from geo.web import mapview
from geo.web.slide_spec import FORMATS, SIZES, SlideSpec
from geo.web.slide_style import DPI, Painter, draw_legend

# Figure fractions: title band on top, map on the left, legend on the right, attribution below.
MAP_BOX = (0.015, 0.07, 0.70, 0.80)
LEGEND_BOX = (0.73, 0.07, 0.255, 0.80)
TITLE_Y = 0.935
ATTRIBUTION = (
    "Borderlands Atlas · data version {version} · basemap and modern outlines: Natural Earth "
    "(public domain) · boundaries, dates and legal bases: the atlas's own compilation; every "
    "record names its sources"
)
SCALE_STEPS_KM = (10, 20, 25, 50, 100, 150, 200, 250, 500)
KM_PER_DEGREE = 111.32
WIDE_VIEW_DEGREES = 10.0  # views wider than this draw the region names small


class BuildCanvas(FigureCanvasAgg):
    """Agg canvas that ignores ``draw_idle``: geopandas asks for a redraw after every layer,
    which would draw the whole figure some eighty times; it is drawn once, when saved."""

    def draw_idle(self, *args: Any, **kwargs: Any) -> None:
        return None


class SlideError(ValueError):
    """A request the slide cannot be drawn for; the message says which value and why."""


@dataclass
class Slide:
    figure: Figure
    map_axes: Axes

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        """Where a place lands in the image: (column, row) from the top-left corner."""
        x, y = self.map_axes.transData.transform((lon, lat))
        return float(x), float(self.figure.bbox.height - y)


def check(atlas: Atlas, spec: SlideSpec) -> None:
    if not RANGE_START <= spec.day <= RANGE_END:
        raise SlideError(f"date {spec.day.isoformat()} is outside {RANGE_START}..{RANGE_END}")
    for region in spec.regions:
        if region not in atlas.geometries:
            known = ", ".join(sorted(atlas.geometries))
            raise SlideError(f"unknown region {region!r}; known: {known}")
    if spec.view not in mapview.VIEWS:
        raise SlideError(f"unknown view {spec.view!r}; known: {', '.join(mapview.VIEWS)}")
    if spec.size not in SIZES.values():
        raise SlideError(f"size {spec.size[0]}x{spec.size[1]} is not one of {', '.join(SIZES)}")


Limits = tuple[float, float, float, float]  # west, east, south, north of the drawn map


@lru_cache(maxsize=4)
def basemap(name: str, data_dir: Path = DATA) -> gpd.GeoSeries | None:
    path = data_dir / "basemap" / f"{name}.geojson"
    return gpd.read_file(path).geometry if path.is_file() else None


class Shapes:
    """The live map's style builder and the outlines of one atlas, cut and thinned per view.

    Outlines are clipped to the drawn box and simplified to half a pixel of a 1920x1080 slide
    (units as one coverage, so neighbours keep a common edge): the full-resolution coast would
    only slow drawing and swell an SVG with points closer together than a pixel.
    """

    def __init__(self, atlas: Atlas) -> None:
        self.layers = mapview.StateLayers(atlas, shapes_url="")
        self.ids = sorted(atlas.geometries)
        self.geoms = [shape(atlas.geometries[uid]) for uid in self.ids]
        self._views: dict[Limits, dict[str, Any]] = {}

    def for_view(self, limits: Limits) -> dict[str, Any]:
        if limits not in self._views:
            west, east, south, north = limits
            tolerance = (north - south) / (SIZES["1920x1080"][1] * MAP_BOX[3]) / 2
            pad_x, pad_y = (east - west) * 0.05, (north - south) * 0.05
            box = (west - pad_x, south - pad_y, east + pad_x, north + pad_y)

            def cut(geoms: Any) -> gpd.GeoSeries:
                clipped = shapely.clip_by_rect(geoms, *box)
                return gpd.GeoSeries(clipped[~shapely.is_empty(clipped)])

            units = shapely.clip_by_rect(shapely.coverage_simplify(self.geoms, tolerance), *box)
            view = {uid: geom for uid, geom in zip(self.ids, units, strict=True)
                    if not geom.is_empty}
            for name in ("land", "lakes", "rivers"):
                layer = basemap(name)
                if layer is not None:
                    view[f"basemap:{name}"] = cut(layer.simplify(tolerance).values)
            self._views[limits] = view
        return self._views[limits]


_shapes: weakref.WeakKeyDictionary[Atlas, Shapes] = weakref.WeakKeyDictionary()


def shapes_of(atlas: Atlas) -> Shapes:
    if atlas not in _shapes:
        _shapes[atlas] = Shapes(atlas)
    return _shapes[atlas]


def _bounds(spec: SlideSpec) -> tuple[float, float, float, float]:
    if spec.bounds is not None:
        return spec.bounds
    (south, west), (north, east) = mapview.VIEWS[spec.view]
    return west, south, east, north


def frame_limits(spec: SlideSpec) -> Limits:
    """The view widened to fill the map box; longitudes shrink by cos(latitude)."""
    west, south, east, north = _bounds(spec)
    shrink = math.cos(math.radians((south + north) / 2))
    width, height = spec.size
    ratio = MAP_BOX[2] * width / (MAP_BOX[3] * height)
    middle_x, middle_y = (west + east) / 2, (south + north) / 2
    half_x, half_y = (east - west) / 2, (north - south) / 2
    if half_x * shrink / half_y < ratio:
        half_x = ratio * half_y / shrink
    else:
        half_y = half_x * shrink / ratio
    return (round(middle_x - half_x, 6), round(middle_x + half_x, 6),
            round(middle_y - half_y, 6), round(middle_y + half_y, 6))  # fmt: skip


def _draw_map(ax: Axes, atlas: Atlas, spec: SlideSpec, scale: float) -> None:
    limits = frame_limits(spec)
    view = shapes_of(atlas).for_view(limits)
    paint = Painter(ax, scale)
    if "basemap:land" in view:
        view["basemap:land"].plot(ax=ax, aspect=None, facecolor=mapview.LAND_COLOUR, linewidth=0)
    described = shapes_of(atlas).layers.describe(atlas.state_at(spec.day))
    styles = described["styles"]
    paint.styled([(view[uid], styles[unit["style"]]) for uid, unit in described["units"].items()
                  if uid in view])  # fmt: skip
    if "basemap:lakes" in view:
        view["basemap:lakes"].plot(ax=ax, aspect=None, facecolor=mapview.SEA_COLOUR,
                                   edgecolor=mapview.WATER_COLOUR, linewidth=paint.points(0.5))
    if "basemap:rivers" in view:
        view["basemap:rivers"].plot(ax=ax, aspect=None, color=mapview.WATER_COLOUR,
                                    linewidth=paint.points(1.2))  # fmt: skip
    if "claims" in spec.overlays:
        paint.styled([(view[c["unit"]], styles[c["style"]]) for c in described["claims"]
                      if c["unit"] in view])  # fmt: skip
    if "regimes" in spec.overlays:
        paint.styled([(view[uid], {"fill": False, "color": colour, "weight": 3.5})
                      for uid, colour in described["regimes"].items() if uid in view])
    paint.styled([(view[r], {"fill": False, "color": "#000000", "weight": 4})
                  for r in spec.regions if r in view])  # fmt: skip
    _frame(ax, limits)
    _labels(ax, atlas, scale)
    _scale_bar(ax, paint)


def _frame(ax: Axes, limits: Limits) -> None:
    west, east, south, north = limits
    ax.set_facecolor(mapview.SEA_COLOUR)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)), adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.apply_aspect()


def _labels(ax: Axes, atlas: Atlas, scale: float) -> None:
    """Focus region names, as the live map prints them (dark text on a white halo), smaller
    on wide views where the live map is zoomed out and shrinks them too."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    size = (15 if x1 - x0 < WIDE_VIEW_DEGREES else 10) * scale
    halo = [patheffects.withStroke(linewidth=4 * scale, foreground="white")]
    for unit in atlas.units.values():
        if unit.kind != "focus" or unit.label is None:
            continue
        lon, lat = unit.label
        if x0 < lon < x1 and y0 < lat < y1:
            ax.text(lon, lat, unit.name_en, ha="center", va="center", fontsize=size,
                    fontweight="bold", color="#111111", path_effects=halo, zorder=10)  # fmt: skip


def _scale_bar(ax: Axes, paint: Painter) -> None:
    """A bar of a round length, about a fifth of the map wide, true at the map's middle latitude."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    middle = (y0 + y1) / 2
    km_per_lon = KM_PER_DEGREE * math.cos(math.radians(middle))
    length = max((s for s in SCALE_STEPS_KM if s <= (x1 - x0) * km_per_lon / 5),
                 default=SCALE_STEPS_KM[0])  # fmt: skip
    left, base = x0 + (x1 - x0) * 0.03, y0 + (y1 - y0) * 0.04
    half = length / 2 / km_per_lon
    height = (y1 - y0) * 0.008
    for n, colour in enumerate(("#222222", "#FFFFFF")):
        ax.add_patch(Rectangle((left + n * half, base), half, height, facecolor=colour,
                               edgecolor="#222222", linewidth=paint.points(1),
                               zorder=11))  # fmt: skip
    halo = [patheffects.withStroke(linewidth=3 * paint.scale, foreground="white")]
    ax.text(left, base + height * 2, f"{length} km (true at {middle:.1f}° N)",
            fontsize=12 * paint.scale, color="#222222", path_effects=halo, zorder=11)  # fmt: skip


def _draw_legend(ax: Axes, atlas: Atlas, spec: SlideSpec, scale: float) -> None:
    """The live legend's entries for the units in the view (a slide of the Caucasus need not
    list Greece)."""
    state = atlas.state_at(spec.day)
    box = shapely.box(*_bounds(spec))
    in_view = {uid: us for uid, us in state.units.items()
               if uid in atlas.geometries and shape(atlas.geometries[uid]).intersects(box)}
    holders, regimes = mapview.legend(atlas, replace(state, units=in_view))
    draw_legend(ax, holders, regimes, scale)


def _title(atlas: Atlas, spec: SlideSpec) -> str:
    if spec.subtitle:
        return spec.subtitle
    if len(spec.regions) != 1:
        names = ", ".join(atlas.units[r].name_en for r in spec.regions)
        return f"{spec.view} · {names}" if names else spec.view
    unit = atlas.units[spec.regions[0]]
    unit_state = atlas.state_at(spec.day).units.get(unit.id)
    if unit_state is None:
        return f"{spec.view} · {unit.name_en}"
    period = unit_state.period
    return (f"{spec.view} · {unit.name_en}: {atlas.holder_name(period.holder, period.within)}, "
            f"{period.status_label}")  # fmt: skip


def draw(atlas: Atlas, spec: SlideSpec) -> Slide:
    """The slide as a matplotlib figure (not attached to pyplot, so threads do not share it)."""
    check(atlas, spec)
    width, height = spec.size
    scale = height / 1080
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    BuildCanvas(figure)
    figure.text(MAP_BOX[0], TITLE_Y, long_date(spec.day), fontsize=40 * scale,
                fontweight="bold", va="center")  # fmt: skip
    figure.text(LEGEND_BOX[0], TITLE_Y, textwrap.shorten(_title(atlas, spec), 70, placeholder="…"),
                fontsize=16 * scale, va="center", color="#333333")  # fmt: skip
    map_axes = figure.add_axes(MAP_BOX)
    _draw_map(map_axes, atlas, spec, scale)
    _draw_legend(figure.add_axes(LEGEND_BOX), atlas, spec, scale)
    figure.text(MAP_BOX[0], 0.025, ATTRIBUTION.format(version=data_version()),
                fontsize=11 * scale, color="#444444", va="center")  # fmt: skip
    return Slide(figure, map_axes)


def render(atlas: Atlas, spec: SlideSpec, fmt: str = "png") -> bytes:
    """PNG or SVG bytes; SVG text stays text (editable in slides), ids and dates are fixed."""
    if fmt not in FORMATS:
        raise SlideError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    slide = draw(atlas, spec)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "borderlands-atlas"}):
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        slide.figure.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m geo.web.slides",
        description="Draw a slide image (PNG or SVG) of the atlas map on one date.",
    )
    parser.add_argument("--date", required=True, help="YYYY-MM-DD, 1878-07-13..1991-12-26")
    parser.add_argument("--region", action="append", default=[],
                        help="unit id to outline, e.g. kars (repeat for several)")
    parser.add_argument("--view", default=mapview.DEFAULT_VIEW,
                        help=f"framing: {' | '.join(json.dumps(v) for v in mapview.VIEWS)}")
    parser.add_argument("--size", default="1920x1080", choices=list(SIZES))
    parser.add_argument("--out", required=True, type=Path, help="file ending in .png or .svg")
    args = parser.parse_args(argv)
    fmt = args.out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        parser.error(f"--out must end in .png or .svg, not {args.out.name!r}")
    try:
        day = parse_date(args.date, "--date")
        atlas = Atlas.load()
        spec = SlideSpec(day, tuple(args.region), args.view, SIZES[args.size])
        check(atlas, spec)
    except (ValueError, DataError) as error:
        parser.error(str(error))
    args.out.write_bytes(render(atlas, spec, fmt))
    print(f"{args.out}  {args.out.stat().st_size / 1024:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
