"""How the live map's Leaflet styles look in matplotlib, for the slide images.

``geo.web.mapview`` decides every colour, opacity, dash and pattern of the live map; this module
only translates those Leaflet style dictionaries (and the legend's symbols) into matplotlib, at
a scale, so that a slide of 1280x720 looks like one of 1920x1080 shrunk.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from geo.web import mapview

DPI = 100
# Hatch densities that come close to the live map's 7 px dot cells and 8 px stripes.
DOTS = {"held": "..", "contested": "oo"}
STRIPES = {"in-force": "////", "not-in-force": "\\\\\\\\"}


class Painter:
    """Turns the live map's Leaflet styles into matplotlib keyword arguments at one scale."""

    def __init__(self, ax: Axes, scale: float) -> None:
        self.ax = ax
        self.scale = scale

    def points(self, pixels: float) -> float:
        return pixels * self.scale * 72 / DPI

    def line_style(self, dash: str | None, width: float) -> Any:
        if not dash:
            return "solid"
        return (0, [self.points(float(part)) / width for part in dash.replace(",", " ").split()])

    def styled(self, items: Iterable[tuple[Any, Mapping[str, Any]]]) -> None:
        """Draw shapes with Leaflet styles, one matplotlib collection per distinct style
        (fills first, then edges, as Leaflet draws each path)."""
        groups: dict[str, tuple[Mapping[str, Any], list[Any]]] = {}
        for geom, style in items:
            key = json.dumps(style, sort_keys=True)
            groups.setdefault(key, (style, []))[1].append(geom)
        for style, geoms in groups.values():
            self.fill(gpd.GeoSeries(geoms), style)
        for style, geoms in groups.values():
            if style.get("stroke", True) and style.get("color"):
                self.edge(gpd.GeoSeries(geoms), style["color"], float(style.get("weight", 1)),
                          style.get("dashArray"))  # fmt: skip

    def fill(self, series: gpd.GeoSeries, style: Mapping[str, Any]) -> None:
        """The inside: a pattern (dots, stripes) over what lies below, or a translucent colour."""
        pattern = style.get("pattern")
        if pattern:
            kind, colour, variant = pattern.split(":")
            hatch = DOTS[variant] if kind == "dots" else STRIPES[variant]
            bare = {"ax": self.ax, "aspect": None, "facecolor": "none", "edgecolor": "none",
                    "linewidth": 0}
            series.plot(hatch=hatch, hatchcolor=colour, hatch_linewidth=self.points(1.5), **bare)
            if kind == "dots" and variant == "contested":
                series.plot(hatch=DOTS["held"], hatchcolor="#333333",
                            hatch_linewidth=self.points(1), **bare)  # fmt: skip
        elif style.get("fill", True) and style.get("fillColor"):
            series.plot(ax=self.ax, aspect=None, facecolor=style["fillColor"],
                        alpha=float(style.get("fillOpacity", 1)), linewidth=0)  # fmt: skip

    def edge(self, series: gpd.GeoSeries, colour: str, weight: float,
             dash: str | None = None) -> None:  # fmt: skip
        width = self.points(weight)
        series.boundary.plot(ax=self.ax, aspect=None, color=colour, linewidth=width,
                             linestyle=self.line_style(dash, width))  # fmt: skip


def swatches(paint: Painter) -> list[dict[str, Any]]:
    """The look of each of ``mapview.SYMBOLS`` (same order; ``draw_legend`` zips them strictly,
    so a symbol added to the live legend without its drawing here fails loudly)."""
    return [
        {"facecolor": "white", "hatch": DOTS["held"], "hatchcolor": "#555555"},
        {"facecolor": "white", "hatch": STRIPES["in-force"], "hatchcolor": "#555555"},
        {"facecolor": "white", "edgecolor": "#222222", "linestyle": (0, (3, 2)),
         "linewidth": paint.points(1.5)},
        {"facecolor": "#BBBBBB", "edgecolor": "white", "linestyle": (0, (1, 2)),
         "linewidth": paint.points(2.5)},
        {"facecolor": "#E8E8E8", "edgecolor": "#888888"},
        {"facecolor": "white", "edgecolor": "black", "linewidth": paint.points(3)},
    ]


def draw_legend(ax: Axes, holders: Iterable[mapview.LegendEntry],
                regimes: Iterable[mapview.LegendEntry], scale: float) -> None:  # fmt: skip
    """Holders, the map's symbols and Straits regimes, one row each, top down."""
    ax.set_axis_off()
    paint = Painter(ax, scale)
    plain = {"edgecolor": "#555555", "linewidth": paint.points(1)}
    rows: list[tuple[str, str, dict[str, Any]]] = [("head", "Held by", {})]
    rows += [("box", e.label, {**plain, "facecolor": e.colour, "alpha": 0.7}) for e in holders]
    rows += [("head", "On the map", {})]
    rows += [("box", label, plain | look)
             for (_, label, _), look in zip(mapview.SYMBOLS, swatches(paint), strict=True)]
    regime_rows = [("box", e.label, {"facecolor": "white", "edgecolor": e.colour,
                                     "linewidth": paint.points(3)}) for e in regimes]
    if regime_rows:
        rows += [("head", "Straits regime", {}), *regime_rows]
    step = 1 / max(len(rows) + 2, 24)
    box_w, box_h = 0.07, step * 0.7
    y = 1.0
    for kind, label, look in rows:
        y -= step
        if kind == "head":
            ax.text(0, y, label, fontsize=15 * scale, fontweight="bold", va="bottom")
            continue
        ax.add_patch(Rectangle((0, y), box_w, box_h, transform=ax.transAxes, **look))
        ax.text(box_w + 0.04, y + box_h / 2, textwrap.shorten(label, 44, placeholder="…"),
                fontsize=12.5 * scale, va="center")  # fmt: skip
