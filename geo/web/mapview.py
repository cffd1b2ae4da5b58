"""The folium map of the atlas, split so that a date change re-sends only what changed.

streamlit-folium remounts its iframe whenever the base map's script changes, which loses the
user's zoom and reloads Leaflet. So ``build_base_map`` depends on nothing but the static
basemap URLs and the focus labels, and everything that depends on the date is built by
``StateLayers.group`` as one ``FeatureGroup`` for ``st_folium(feature_group_to_add=...)``.
The basemap is fetched by the browser from static files, so it is never part of the per-change
payload. Every string that reaches the map's HTML or JavaScript goes through ``html_text`` or
``js_text`` first (see TECH-NOTES §2.2: folium pastes tooltip values into ``innerHTML`` and
evaluates Tooltip/Popup text as a JS template literal).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import folium
import folium.plugins
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.utilities import camelize
from jinja2 import Template
from shapely.geometry import Point, shape
from shapely.strtree import STRtree

from geo.engine.timeline import Atlas
from geo.messages import N_
from geo.records.model import RANGE_END, RANGE_START
from geo.web.layers import unit_properties

# Paul Tol's colour-blind-safe "muted", "bright" and "light" schemes; one fixed colour per state
# so that a holder keeps its colour on every date. Union republics take their parent's colour.
# The pair the atlas is about stays far apart: Ottoman/Turkish reds against Russian/Soviet blues.
HOLDER_COLOURS: dict[str, str] = {
    "russian-empire": "#332288",
    "soviet-russia": "#4477AA",
    "ussr": "#4477AA",
    "ottoman-empire": "#882255",
    "turkey": "#CC6677",
    "armenia": "#DDCC77",
    "georgia": "#117733",
    "azerbaijan": "#88CCEE",
    "nakhchivan-ssr": "#AA4499",
    "iran": "#44AA99",
    "united-kingdom": "#999933",
    "allied-powers": "#999933",
    "greece": "#77AADD",
    "bulgaria": "#EE8866",
}
FALLBACK_COLOURS = ("#BBCC33", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#AAAA00")
LOCAL_AUTHORITY_COLOUR = "#BBBBBB"
UNKNOWN_COLOUR = "#DDDDDD"

REGIME_COLOURS: dict[str, str] = {"lausanne": "#EE7733", "montreux": "#0077BB"}
REGIME_FALLBACK_COLOUR = "#009988"

SEA_COLOUR = "#D4E6F1"
LAND_COLOUR = "#F2EFE6"
WATER_COLOUR = "#A9CCE3"

NOT_SOVEREIGN = ("occupied", "administered")
UNCERTAIN_KM = 10.0

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


class HolderLike(Protocol):
    kind: str
    parent: str


def html_text(value: object) -> str:
    """Text safe to paste into HTML (folium's tooltips use ``innerHTML``)."""
    return html.escape(str(value), quote=True)


def js_text(value: object) -> str:
    """Text safe inside HTML *and* a JS template literal (folium Tooltip/Popup/DivIcon text)."""
    return html_text(value).replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def holder_colour(holder_id: str, holders: Mapping[str, HolderLike]) -> str:
    """Fixed colour of a holder: its own, else its parent state's, else a stable fallback."""
    if holder_id in HOLDER_COLOURS:
        return HOLDER_COLOURS[holder_id]
    holder = holders.get(holder_id)
    if holder is not None:
        if holder.parent in HOLDER_COLOURS:
            return HOLDER_COLOURS[holder.parent]
        if holder.kind in ("local-authority", "occupation-authority"):
            return LOCAL_AUTHORITY_COLOUR
    if not holder_id:
        return UNKNOWN_COLOUR
    return FALLBACK_COLOURS[sum(map(ord, holder_id)) % len(FALLBACK_COLOURS)]


def regime_colour(regime: str) -> str:
    lowered = regime.lower()
    return next((c for k, c in REGIME_COLOURS.items() if k in lowered), REGIME_FALLBACK_COLOUR)


# --- the base map: identical on every rerun ------------------------------------------------


class UrlGeoJsonLayer(MacroElement):
    """A non-interactive GeoJSON layer the browser fetches from a static URL.

    folium's own ``embed=False`` needs jQuery and a local file read on every build; this needs
    neither. Cities are drawn as small dots with their name set via ``textContent``, so names
    in the file can never become markup.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            if (!map.getPane({{ this.pane|tojson }})) {
                var pane = map.createPane({{ this.pane|tojson }});
                pane.style.zIndex = {{ this.z_index|tojson }};
                pane.style.pointerEvents = "none";
            }
            var layer = L.geoJson(null, {
                pane: {{ this.pane|tojson }},
                interactive: false,
                style: {{ this.style|tojson }},
                pointToLayer: function (feature, latlng) {
                    var dot = L.circleMarker(latlng, {
                        pane: {{ this.pane|tojson }}, interactive: false, radius: 2.5,
                        color: "#333", weight: 1, fillColor: "#fff", fillOpacity: 1
                    });
                    var props = feature.properties || {};
                    var name = props.name_en || props.name || "";
                    if (name) {
                        var span = document.createElement("span");
                        span.textContent = name;
                        dot.bindTooltip(span, {permanent: true, direction: "right",
                            className: "atlas-city", pane: {{ this.pane|tojson }}});
                    }
                    return dot;
                }
            }).addTo(map);
            fetch({{ this.url|tojson }})
                .then(function (r) { return r.ok ? r.json() : null; })
                .then(function (data) { if (data) { layer.addData(data); } });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, url: str, pane: str, z_index: int, style: dict[str, Any]) -> None:
        super().__init__()
        self._name = "UrlGeoJsonLayer"
        self.url = url
        self.pane = pane
        self.z_index = z_index
        self.style = style


@dataclass(frozen=True)
class Label:
    """A fixed map label for a focus region (drawn as text, never as markup)."""

    text: str
    lon: float
    lat: float


class FocusLabels(MacroElement):
    """Fixed, non-interactive region names; the text is set with ``textContent``, never parsed."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            {{ this.labels|tojson }}.forEach(function (item) {
                var span = document.createElement("span");
                span.className = "atlas-label";
                span.textContent = item.text;
                L.marker([item.lat, item.lon], {
                    icon: L.divIcon({html: span, className: "atlas-label-icon", iconSize: null}),
                    interactive: false, keyboard: false
                }).addTo(map);
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[Label]) -> None:
        super().__init__()
        self._name = "FocusLabels"
        self.labels = [{"text": lb.text, "lat": lb.lat, "lon": lb.lon} for lb in labels]


class ZoomClasses(MacroElement):
    """Marks the map container with the zoom bands the label CSS keys on (see ``MAP_CSS``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            function mark() {
                var zoom = map.getZoom(), box = map.getContainer().classList;
                box.toggle("atlas-zoom-cities", zoom >= {{ this.cities|tojson }});
                box.toggle("atlas-zoom-small", zoom < {{ this.small|tojson }});
            }
            map.on("zoomend", mark);
            map.whenReady(mark);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, cities: float, small: float) -> None:
        super().__init__()
        self._name = "ZoomClasses"
        self.cities = cities
        self.small = small


BASEMAP_STYLES: dict[str, tuple[int, dict[str, Any]]] = {
    "land": (250, {"stroke": False, "fillColor": LAND_COLOUR, "fillOpacity": 1}),
    "lakes": (420, {"color": WATER_COLOUR, "weight": 0.5, "fillColor": SEA_COLOUR,
                    "fillOpacity": 1}),
    "rivers": (421, {"color": WATER_COLOUR, "weight": 1.2, "fill": False}),
    "cities": (430, {}),
}

MAP_CSS = f"""<style>
.leaflet-container {{ background: {SEA_COLOUR}; }}
.atlas-label {{ display: inline-block; transform: translate(-50%, -50%);
  font: 600 13px/1.1 sans-serif; color: #111; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; pointer-events: none; }}
.atlas-zoom-small .atlas-label {{ font-size: 10px; }}
.leaflet-container:not(.atlas-zoom-cities) .atlas-city {{ display: none; }}
.atlas-city {{ background: transparent; border: 0; box-shadow: none; padding: 0 2px;
  font: 10px sans-serif; color: #333; }}
.atlas-city::before {{ display: none; }}
</style>"""


def build_base_map(
    basemap_urls: Mapping[str, str],
    labels: Iterable[Label],
    leaflet_js: list[tuple[str, str]],
    leaflet_css: list[tuple[str, str]],
    timeline_url: str | None = None,
) -> folium.Map:
    """The part of the map that never changes; rebuild it freely, its script stays identical.

    It opens on ``DEFAULT_VIEW`` and carries a fullscreen control (a projector in a seminar
    room); city names appear only from ``CITY_LABEL_ZOOM`` on. With ``timeline_url`` (the
    Atlas page) a year step is painted in the browser at once (``YearPreview``).

    ``leaflet_js``/``leaflet_css`` replace folium's default list (Leaflet plus jQuery, Bootstrap,
    Font Awesome...) on this map only: the atlas needs Leaflet alone, and each extra file slows
    the first paint.
    """
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
    fmap.get_root().header.add_child(Element(MAP_CSS))
    for name, (z_index, style) in BASEMAP_STYLES.items():
        if name in basemap_urls:
            fmap.add_child(
                UrlGeoJsonLayer(basemap_urls[name], f"atlas-{name}", z_index, style), name=name
            )
    label_list = list(labels)
    if label_list:
        fmap.add_child(FocusLabels(label_list), name="labels")
    fmap.add_child(ZoomClasses(CITY_LABEL_ZOOM, SMALL_LABEL_ZOOM), name="zoom_classes")
    folium.plugins.Fullscreen(position="topleft").add_to(fmap)
    if timeline_url:
        fmap.add_child(YearPreview(timeline_url, RANGE_START.year, RANGE_END.year),
                       name="year_preview")
    south_west, north_east = VIEWS[DEFAULT_VIEW]
    fmap.fit_bounds([list(south_west), list(north_east)])
    return fmap


# --- the date-dependent layer --------------------------------------------------------------


def unit_style(colour: str, render: str, modern: bool, uncertain: bool) -> dict[str, Any]:
    """Complete Leaflet style of one unit (``pattern`` names a fill pattern).

    Every key is always present, so that ``setStyle`` on a unit drawn for another date clears
    what that date had set (Leaflet merges styles). The legend says the same in words.
    """
    style: dict[str, Any] = {"stroke": True, "fill": True, "color": "#444444", "weight": 1,
                             "opacity": 1, "fillColor": colour, "fillOpacity": 0.7,
                             "dashArray": None, "pattern": None}
    if modern:
        style.update(fillOpacity=0.3, color="#888888")
    if render in (*NOT_SOVEREIGN, "contested"):
        style.update(pattern=dot_key(colour, render), fillOpacity=1)
    if render == "autonomous":
        style.update(color="#FFFFFF", weight=2.5, dashArray="2 5")
    elif uncertain:
        style.update(color="#222222", weight=1.5, dashArray="8 6")
    return style


def dot_key(colour: str, render: str) -> str:
    return f"dots:{colour}:{'contested' if render == 'contested' else 'held'}"


def stripe_key(colour: str, in_force: bool) -> str:
    return f"stripes:{colour}:{'in-force' if in_force else 'not-in-force'}"


def make_pattern(key: str) -> MacroElement:
    """Dots in the holder's colour for occupation/administration (grey-ringed when contested);
    stripes in the claimant's colour for claims, leaning the other way when not in force."""
    kind, colour, variant = key.split(":")
    if kind == "dots":
        ring = "#333333" if variant == "contested" else colour
        return folium.plugins.CirclePattern(
            width=7, height=7, radius=2, weight=1, color=ring, fill_color=colour, opacity=1,
            fill_opacity=1,
        )
    return folium.plugins.StripePattern(
        angle=45 if variant == "in-force" else -45, weight=3, space_weight=5, color=colour,
        opacity=0.95,
    )


def pattern_spec(key: str) -> dict[str, Any]:
    """The Leaflet.pattern options of ``make_pattern(key)``, for patterns built in the browser."""
    pattern = make_pattern(key)

    def camel(options: Mapping[str, Any]) -> dict[str, Any]:
        return {camelize(name): value for name, value in options.items()}

    if isinstance(pattern, folium.plugins.CirclePattern):
        return {"circle": camel(pattern.options_pattern_circle),
                "pattern": camel(pattern.options_pattern)}
    return {"stripes": camel(pattern.options)}


def display_geometry_json(geometries: Mapping[str, dict[str, Any]]) -> str:
    """The unit shapes the browser fetches once (by URL) and every date then restyles."""
    features = [
        {"type": "Feature", "id": uid, "properties": {}, "geometry": geometries[uid]}
        for uid in sorted(geometries)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features},
                      separators=(",", ":"), sort_keys=True)


class StateStyler(MacroElement):
    """Restyles, in place, the unit shapes the iframe already holds; draws the overlays anew.

    The shapes are fetched once per iframe from ``url`` and drawn once, outside the feature
    group that streamlit-folium swaps on every update, so a date change ships a small style
    table and the unit texts (a few kB) and the browser only changes SVG attributes: no
    geometry is sent, parsed or projected again. Tooltips are built from the texts with
    ``textContent`` when they open. A click on a unit is passed on to the map, so
    streamlit-folium reports it as ``last_clicked`` whatever handlers it attached itself.
    ``state["view"]`` (bounds and a counter) refits the map once per new counter, so a view
    button works again after the user has panned, and a date change never moves the map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent._parent.get_name() }};
            var state = {{ this.state|tojson }};
            var patterns = {
            {%- for key, pattern in this.patterns.items() %}
                {{ key|tojson }}: {{ pattern.get_name() }},
            {%- endfor %}
            };
            function tip(props) {
                var box = document.createElement("div");
                function line(label, text) {
                    var row = document.createElement("div");
                    if (label) {
                        var b = document.createElement("b");
                        b.textContent = label + ": ";
                        row.appendChild(b);
                    }
                    row.appendChild(document.createTextNode(text));
                    box.appendChild(row);
                }
                line("", props.name || "");
                if (props.holder) { line("Held by", props.holder); }
                if (props.status) { line("Status", props.status); }
                (props.claims || []).forEach(function (c) { line("Claim", c); });
                if (props.modern) { line("Note", "context area drawn at its modern outline"); }
                if (props.uncertain) { line("Note", "boundary or dates uncertain"); }
                return box;
            }
            function collection(geo, ids) {
                return {type: "FeatureCollection", features: geo.features
                    .filter(function (f) { return ids.indexOf(f.id) >= 0; })
                    .map(function (f) {
                        return {type: "Feature", id: f.id, geometry: f.geometry,
                                properties: {}};
                    })};
            }
            var atlas = window.__atlas = window.__atlas || {shapes: {}};
            var url = {{ this.url|tojson }};
            var shapes = atlas.shapes[url] || (atlas.shapes[url] =
                fetch(url).then(function (r) { return r.json(); }));
            function draw(next, patternOf) {
                atlas.current = next;
                atlas.currentStyle = function (index) {
                    var out = Object.assign({}, next.styles[index]);
                    out.fillPattern = out.pattern ? patternOf(out.pattern) : null;
                    delete out.pattern;
                    return out;
                };
                atlas.units.eachLayer(function (layer) {
                    var unit = next.units[layer.feature.id];
                    layer.feature.properties = unit ? unit.props : {};
                    layer.setStyle(unit ? atlas.currentStyle(unit.style)
                                        : {stroke: false, fill: false});
                });
                atlas.overlays.clearLayers();
                next.claims.forEach(function (claim) {
                    L.geoJson(collection(atlas.geo, [claim.unit]), {
                        interactive: false, style: atlas.currentStyle(claim.style)
                    }).addTo(atlas.overlays);
                });
                L.geoJson(collection(atlas.geo, Object.keys(next.regimes)), {
                    interactive: false,
                    style: function (f) {
                        return {color: next.regimes[f.id], weight: 3.5, fill: false,
                                opacity: 0.95};
                    }
                }).addTo(atlas.overlays);
                if (next.selected) {
                    L.geoJson(collection(atlas.geo, [next.selected]), {
                        interactive: false,
                        style: {color: "#000000", weight: 4, fill: false}
                    }).addTo(atlas.overlays);
                }
            }
            shapes.then(function (geo) {
                if (!atlas.units || atlas.unitsUrl !== url) {
                    if (atlas.units) { map.removeLayer(atlas.units); }
                    if (atlas.overlays) { map.removeLayer(atlas.overlays); }
                    atlas.unitsUrl = url;
                    atlas.geo = geo;
                    atlas.units = L.geoJson(geo, {
                        style: {stroke: false, fill: false},
                        onEachFeature: function (f, layer) {
                            f.properties = {};
                            layer.bindTooltip(function () { return tip(layer.feature.properties); },
                                              {sticky: true});
                            layer.on("mouseover", function () {
                                layer.setStyle({weight: 3, color: "#000000"});
                            });
                            layer.on("mouseout", function () {
                                var unit = atlas.current.units[f.id];
                                if (unit) { layer.setStyle(atlas.currentStyle(unit.style)); }
                            });
                            layer.on("click", function (e) {
                                map.fire("click", {latlng: e.latlng,
                                                   originalEvent: e.originalEvent});
                            });
                        }
                    }).addTo(map);
                    atlas.overlays = L.layerGroup().addTo(map);
                }
                atlas.draw = draw;
                atlas.server = state;
                draw(state, function (key) { return patterns[key]; });
                if (state.view && atlas.view !== state.view.counter) {
                    atlas.view = state.view.counter;
                    map.fitBounds(state.view.bounds);
                }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, state: dict[str, Any], patterns: dict[str, MacroElement], url: str) -> None:
        super().__init__()
        self._name = "StateStyler"
        self.state = state
        self.patterns = patterns
        self.url = url


class YearPreview(JSCSSMixin, MacroElement):
    """Repaints the map as soon as the page's Year slider moves, before the server answers.

    A year step otherwise waits for a whole Streamlit rerun and the component update. This
    fetches ``StateLayers.timeline_json`` (every distinct map and the day it starts) once,
    watches the slider's value in the app page (same origin) and draws the state of the new
    year with the draw function ``StateStyler`` installed, keeping the selection. The rerun's
    own update follows and draws the same state again, so the server stays the authority;
    the new day is derived as ``on_year`` on the Atlas page does (29 February -> 28).
    """

    default_js = folium.plugins.StripePattern.default_js  # the same list, localised with it

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var atlas = window.__atlas = window.__atlas || {shapes: {}};
            var timeline = null, built = {};
            fetch({{ this.url|tojson }}).then(function (r) { return r.ok ? r.json() : null; })
                .then(function (data) { timeline = data; });
            function patternOf(key) {
                if (!built[key]) {
                    var spec = timeline.patterns[key], made;
                    if (spec.circle) {
                        made = new L.Pattern(spec.pattern);
                        made.addShape(new L.PatternCircle(spec.circle));
                    } else {
                        made = new L.StripePattern(spec.stripes);
                    }
                    made.addTo(map);
                    built[key] = made;
                }
                return built[key];
            }
            function preview(year) {
                if (!timeline || !atlas.draw || !atlas.server) { return; }
                var shown = /[?&]date=[0-9]{4}-([0-9]{2})-([0-9]{2})/
                    .exec(window.parent.location.search);
                if (!shown) { return; }
                var monthDay = shown[1] + "-" + (shown[1] === "02" && shown[2] === "29"
                                                 ? "28" : shown[2]);
                var day = String(year).padStart(4, "0") + "-" + monthDay;
                day = day < timeline.first ? timeline.first
                    : day > timeline.last ? timeline.last : day;
                var key = null;
                timeline.runs.forEach(function (run) { if (run[0] <= day) { key = run[1]; } });
                var compact = timeline.states[key], units = {};
                Object.keys(compact.units).forEach(function (id) {
                    var pair = compact.units[id];
                    units[id] = {props: timeline.props[pair[0]], style: pair[1]};
                });
                atlas.draw({
                    styles: timeline.styles, units: units, regimes: compact.regimes,
                    claims: compact.claims.map(function (c) { return {unit: c[0], style: c[1]}; }),
                    selected: atlas.server.selected
                }, patternOf);
            }
            var first = {{ this.first_year|tojson }}, last = {{ this.last_year|tojson }};
            var observer = new MutationObserver(function (records) {
                records.forEach(function (record) {
                    var el = record.target;
                    if (el.type === "range" && el.min === String(first)
                            && el.max === String(last)) {
                        preview(Number(el.value));
                    }
                });
            });
            observer.observe(window.parent.document.body, {
                attributes: true, attributeFilter: ["aria-valuetext"], subtree: true
            });
            window.addEventListener("pagehide", function () { observer.disconnect(); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, url: str, first_year: int, last_year: int) -> None:
        super().__init__()
        self._name = "YearPreview"
        self.url = url
        self.first_year = first_year
        self.last_year = last_year


class AtlasLike(Protocol):
    units: Mapping[str, Any]
    holders: Mapping[str, Any]
    geometries: Mapping[str, dict[str, Any]]

    def holder_name(self, holder_id: str, within: str = "") -> str: ...


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str


@dataclass(frozen=True)
class View:
    """A framing the map moves to once: ``bounds`` as ((south, west), (north, east))."""

    bounds: tuple[tuple[float, float], tuple[float, float]]
    counter: int


OVERLAYS = ("claims", "regimes")


class StateLayers:
    """Builds, and caches per ``state.key``, the style table and texts of each distinct state.

    The unit descriptions come from ``geo.web.layers.unit_properties`` (one source for the map,
    the layers and their tests); this class only turns them into what Leaflet draws.
    ``shapes_url`` is where the browser fetches ``display_geometry_json`` of the same atlas.
    The cache holds JSON strings, so every run works on a fresh copy.
    """

    def __init__(self, atlas: Atlas, shapes_url: str) -> None:
        self.atlas = atlas
        self.shapes_url = shapes_url
        self._cache: dict[int, str] = {}
        ids = sorted(atlas.geometries)
        self._ids = ids
        self._shapes = [shape(atlas.geometries[uid]) for uid in ids]
        self._areas = [s.area for s in self._shapes]
        self._tree = STRtree(self._shapes)

    def unit_at(self, lat: float, lng: float) -> str | None:
        """Unit under a clicked point (smallest first, so islands beat the sea around them)."""
        point = Point(lng, lat)
        hits = [i for i in self._tree.query(point) if self._shapes[i].covers(point)]
        if not hits:
            return None
        return self._ids[min(hits, key=lambda i: self._areas[i])]

    def layer_json(self, state: Any) -> str:
        if state.key not in self._cache:
            self._cache[state.key] = json.dumps(self._describe(state), sort_keys=True,
                                                separators=(",", ":"))
        return self._cache[state.key]

    def describe(self, state: Any) -> dict[str, Any]:
        """A private copy of the state's ``styles`` table, ``units``, ``claims`` and ``regimes``."""
        return json.loads(self.layer_json(state))

    def _describe(self, state: Any) -> dict[str, Any]:
        atlas = self.atlas
        styles: list[dict[str, Any]] = []
        style_index: dict[str, int] = {}

        def style_id(style: dict[str, Any]) -> int:
            key = json.dumps(style, sort_keys=True)
            if key not in style_index:
                style_index[key] = len(styles)
                styles.append(style)
            return style_index[key]

        units: dict[str, Any] = {}
        claims: list[dict[str, Any]] = []
        regimes: dict[str, str] = {}
        for uid in self._ids:
            if uid not in state.units or uid not in atlas.units:
                continue
            props = unit_properties(atlas, state, uid)
            modern = props["resolution"] == "modern-outline"
            uncertain = ((props["uncertainty_km"] or 0) >= UNCERTAIN_KM
                         or props["certainty"] != "firm")
            colour = holder_colour(props["holder"], atlas.holders)
            units[uid] = {
                "props": {
                    "name": props["name"],
                    "holder": props["holder_name"],
                    "status": props["status_label"],
                    "render": props["status"],
                    "modern": modern,
                    "uncertain": uncertain,
                    "claims": [
                        f"{c['claimant_name']} ({c['kind'].replace('-', ' ')}"
                        f"{'' if c['in_force'] else ', not in force'}"
                        f"{', extent inferred' if c['extent'] == 'inferred' else ''})"
                        for c in props["claim_details"]
                    ],
                },
                "style": style_id(unit_style(colour, props["status"], modern, uncertain)),
            }
            for claim in props["claim_details"]:
                stripes = stripe_key(holder_colour(claim["claimant"], atlas.holders),
                                     claim["in_force"])
                claims.append({"unit": uid, "style": style_id(
                    {"stroke": False, "fillOpacity": 1, "pattern": stripes})})
            if props["regime"]:
                regimes[uid] = regime_colour(props["regime"])
        return {"styles": styles, "units": units, "claims": claims, "regimes": regimes}

    def timeline_json(self) -> str:
        """Every distinct map of the study range and the day each run starts, for ``YearPreview``.

        Styles and unit texts are shared tables (a unit's text repeats across most states), so
        the whole range is about 150 kB on the real data, fetched once per map after it shows.
        """
        styles: list[dict[str, Any]] = []
        props: list[dict[str, Any]] = []
        index: dict[str, int] = {}

        def shared(table: list[dict[str, Any]], item: dict[str, Any], kind: str) -> int:
            key = kind + json.dumps(item, sort_keys=True)
            if key not in index:
                index[key] = len(table)
                table.append(item)
            return index[key]

        runs: list[list[Any]] = []
        states: dict[str, Any] = {}
        patterns: set[str] = set()
        for day in [RANGE_START, *self.atlas.change_dates]:
            state = self.atlas.state_at(day)
            if not runs or runs[-1][1] != state.key:
                runs.append([day.isoformat(), state.key])
            if str(state.key) in states:
                continue
            described = self.describe(state)
            local = described["styles"]
            patterns |= {style["pattern"] for style in local if style.get("pattern")}
            states[str(state.key)] = {
                "units": {uid: [shared(props, unit["props"], "p"),
                                shared(styles, local[unit["style"]], "s")]
                          for uid, unit in described["units"].items()},
                "claims": [[c["unit"], shared(styles, local[c["style"]], "s")]
                           for c in described["claims"]],
                "regimes": described["regimes"],
            }
        return json.dumps({
            "first": RANGE_START.isoformat(), "last": RANGE_END.isoformat(), "runs": runs,
            "states": states, "styles": styles, "props": props,
            "patterns": {key: pattern_spec(key) for key in sorted(patterns)},
        }, sort_keys=True, separators=(",", ":"))

    def group(self, state: Any, selected: str | None = None,
              overlays: Iterable[str] = OVERLAYS, view: View | None = None,
              ) -> folium.FeatureGroup:  # fmt: skip
        """The layer for ``st_folium(feature_group_to_add=...)``: styles, overlays, selection.

        ``overlays`` picks which of ``OVERLAYS`` are drawn (a tour scene chooses its own);
        ``view`` refits the map once (see ``StateStyler``).
        """
        described = self.describe(state)
        chosen = set(overlays)
        if "claims" not in chosen:
            described["claims"] = []
        if "regimes" not in chosen:
            described["regimes"] = {}
        described["selected"] = selected if selected in self.atlas.geometries else None
        described["view"] = (
            {"bounds": [list(view.bounds[0]), list(view.bounds[1])], "counter": view.counter}
            if view else None
        )
        used = {u["style"] for u in described["units"].values()}
        used |= {c["style"] for c in described["claims"]}
        keys = {described["styles"][i]["pattern"] for i in used} - {None}
        group = folium.FeatureGroup(name="state")
        patterns = {key: make_pattern(key) for key in sorted(keys)}
        for pattern in patterns.values():
            pattern.add_to(group)
        group.add_child(StateStyler(described, patterns, self.shapes_url))
        return group


def legend(atlas: AtlasLike, state: Any) -> tuple[list[LegendEntry], list[LegendEntry]]:
    """(holders, Straits regimes) present on the map of ``state``, in a stable order."""
    holders: dict[str, set[str]] = {}
    regimes: dict[str, str] = {}
    for unit_state in state.units.values():
        period = unit_state.period
        colour = holder_colour(period.holder, atlas.holders)
        holders.setdefault(colour, set()).add(atlas.holder_name(period.holder))
        for claim in unit_state.claims:
            colour = holder_colour(claim.claimant, atlas.holders)
            holders.setdefault(colour, set()).add(atlas.holder_name(claim.claimant))
        if period.regime:
            regimes[period.regime] = regime_colour(period.regime)
    holder_entries = sorted(
        (LegendEntry(colour, " / ".join(sorted(names))) for colour, names in holders.items()),
        key=lambda e: e.label,
    )
    regime_entries = [LegendEntry(c, r) for r, c in sorted(regimes.items())]
    return holder_entries, regime_entries


SYMBOLS: tuple[tuple[str, str, str], ...] = (
    ("#fff", N_("dots: occupied / administered"),
     "background-image:radial-gradient(#555 30%,transparent 31%);background-size:5px 5px;"),
    ("#fff", N_("hatched: claim, award or demand"),
     "background-image:repeating-linear-gradient(45deg,#555 0 2px,#fff 2px 5px);"),
    ("#fff", N_("dashed edge: uncertain boundary or dates"), "border:1.5px dashed #222;"),
    ("#bbb", N_("dotted white edge: autonomy"), "border:2px dotted #fff;outline:1px solid #555;"),
    ("#e8e8e8", N_("pale: context area at its modern outline"), ""),
    ("#fff", N_("bold black edge: selected region"), "border:3px solid #000;"),
)


def _swatch(colour: str, label: str, extra: str = "") -> str:
    box = (
        '<span style="display:inline-block;width:0.9em;height:0.9em;border:1px solid #555;'
        f'background:{html_text(colour)};{extra}vertical-align:-0.1em;margin-right:0.3em">'
        "</span>"
    )
    wrapper = '<span style="margin-right:1em;display:inline-block;max-width:100%">'
    return f"{wrapper}{box}{js_text(label)}</span>"


def legend_html(holders: Iterable[LegendEntry], regimes: Iterable[LegendEntry],
                gettext: Callable[[str], str] = N_) -> str:
    """The map legend as escaped HTML (drawn by Streamlit: branca legends break offline).

    ``gettext`` translates the legend's own words (the pages pass the interface language's);
    holder names and regimes are data and stay as written.
    """
    regime_list = list(regimes)
    held_by = js_text(gettext("Held by"))
    regime_title = js_text(gettext("Straits regime"))
    parts = [
        f"<div><b>{held_by}</b><br>"
        + "".join(_swatch(e.colour, e.label) for e in holders) + "</div>",
        '<div style="margin-top:0.3em">'
        + "".join(_swatch(c, gettext(label), extra) for c, label, extra in SYMBOLS) + "</div>",
    ]
    if regime_list:
        parts.append(
            f'<div style="margin-top:0.3em"><b>{regime_title}</b><br>'
            + "".join(_swatch("#fff", e.label, f"border:3px solid {e.colour};")
                      for e in regime_list)
            + "</div>"
        )
    return "".join(parts)
