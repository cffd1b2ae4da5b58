"""The base map: everything that is identical on every rerun, whatever the date.

streamlit-folium remounts its iframe whenever the base map's script changes, which loses the
user's zoom and reloads Leaflet, so this depends on nothing but the static basemap URLs, the
focus labels and the asset links. The browser code is ``static/app/js/atlas-map.js``; each
element below writes one call into the map script.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import folium
import folium.plugins
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.web.mapview.colours import LAND_COLOUR, SEA_COLOUR, WATER_COLOUR
from geo.web.mapview.words import EXIT_FULL_SCREEN, FULL_SCREEN, MapWords

MAP_BOUNDS = ((38.3, 25.3), (43.0, 47.2))
MAP_HEIGHT = 600
# Named framings, ((south, west), (north, east)); the first is where the map opens. The frontier
# box holds Batumi, Kars and Nakhchivan with a margin, so the focus units fill the map.
VIEWS: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    "Caucasus frontier": ((38.75, 41.3), (42.0, 46.3)),
    "Straits": ((39.6, 25.0), (41.4, 29.5)),
    "Whole region": MAP_BOUNDS,
}
DEFAULT_VIEW = "Caucasus frontier"
CITY_LABEL_ZOOM = 8  # below it the city names collide with each other and the region names
SMALL_LABEL_ZOOM = 7  # below it the region names shrink so that neighbours do not overlap

BASEMAP_STYLES: dict[str, tuple[int, dict[str, Any]]] = {
    "land": (250, {"stroke": False, "fillColor": LAND_COLOUR, "fillOpacity": 1}),
    "lakes": (420, {"color": WATER_COLOUR, "weight": 0.5, "fillColor": SEA_COLOUR,
                    "fillOpacity": 1}),
    "rivers": (421, {"color": WATER_COLOUR, "weight": 1.2, "fill": False}),
    "cities": (430, {}),
}


class MapCall(MacroElement):
    """One call ``AtlasMap.<function>(map, ...args)`` in the map script, arguments as JSON."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "AtlasMap.{{ this.function }}({{ this._parent.get_name() }}"
        "{% for arg in this.args %}, {{ arg|tojson }}{% endfor %});"
        "{% endmacro %}"
    )

    def __init__(self, function: str, *args: Any) -> None:
        super().__init__()
        self._name = f"AtlasMap_{function}"
        self.function = function
        self.args = args


class DayPainter(JSCSSMixin, MapCall):
    """Paints the page's date from the published timeline, in the browser, at every step.

    The timeline (``StateLayers.timeline_json``) is fetched once; ``AtlasMap.dayPainter`` draws
    the state of each date the Atlas's time control announces (``static/app/js/
    time-control.mjs``), keeping the selection, and draws it again over each server state, which
    can be older than the browser's date while a step travels to the server. It needs
    Leaflet.pattern, so it carries folium's pattern plugin links.
    """

    default_js = folium.plugins.StripePattern.default_js  # the same list, localised with it

    def __init__(self, url: str) -> None:
        super().__init__("dayPainter", url)


@dataclass(frozen=True)
class Label:
    """A fixed map label for a focus region (drawn as text, never as markup)."""

    text: str
    lon: float
    lat: float


def build_base_map(
    basemap_urls: Mapping[str, str],
    labels: Iterable[Label],
    leaflet_js: list[tuple[str, str]],
    leaflet_css: list[tuple[str, str]],
    timeline_url: str | None = None,
    words: MapWords | None = None,
) -> folium.Map:
    """The part of the map that never changes; rebuild it freely, its script stays identical.

    It opens on ``DEFAULT_VIEW`` and carries a fullscreen control (a projector in a seminar
    room); city names appear only from ``CITY_LABEL_ZOOM`` on. With ``timeline_url`` (the
    Atlas page) each date step is painted in the browser at once (``DayPainter``).

    ``leaflet_js``/``leaflet_css`` replace folium's default list (Leaflet plus jQuery, Bootstrap,
    Font Awesome...) on this map only: the atlas needs Leaflet and its own files (``assets``),
    and each extra file slows the first paint. ``words`` gives the controls' titles in the
    reader's language (the focus labels come already worded).
    """
    words = words or MapWords()
    (south, west), (north, east) = MAP_BOUNDS
    fmap = folium.Map(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=6,
        tiles=None,
        zoom_snap=0.25,
        min_zoom=4,
        max_zoom=11,
        control_scale=True,
        prefer_canvas=False,
    )
    fmap.default_js = leaflet_js
    fmap.default_css = leaflet_css
    for name, (z_index, style) in BASEMAP_STYLES.items():
        if name in basemap_urls:
            fmap.add_child(MapCall("urlLayer", basemap_urls[name], f"atlas-{name}", z_index, style),
                           name=name)
    label_list = [{"text": lb.text, "lat": lb.lat, "lon": lb.lon} for lb in labels]
    if label_list:
        fmap.add_child(MapCall("focusLabels", label_list), name="labels")
    fmap.add_child(MapCall("zoomClasses", CITY_LABEL_ZOOM, SMALL_LABEL_ZOOM), name="zoom_classes")
    folium.plugins.Fullscreen(position="topleft", title=words.gettext(FULL_SCREEN),
                              title_cancel=words.gettext(EXIT_FULL_SCREEN)).add_to(fmap)
    if timeline_url:
        fmap.add_child(DayPainter(timeline_url), name="day_painter")
    south_west, north_east = VIEWS[DEFAULT_VIEW]
    fmap.fit_bounds([list(south_west), list(north_east)])
    return fmap
