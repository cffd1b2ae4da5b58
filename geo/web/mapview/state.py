"""The date-dependent layer: per-state style tables, their patterns, and the timeline.

Everything that depends on the date is built by ``StateLayers.group`` as one ``FeatureGroup``
for ``st_folium(feature_group_to_add=...)``; its only script is one call of
``AtlasMap.styler`` (``static/app/js/atlas-map.js``) with the state as JSON, which restyles
the unit shapes the frame already holds. The shapes themselves are fetched once by URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import folium
import folium.plugins
from branca.element import MacroElement
from folium.utilities import camelize
from jinja2 import Template
from shapely.geometry import Point, shape
from shapely.strtree import STRtree

from geo.engine.timeline import Atlas
from geo.engine.unit_record import unit_record
from geo.records.model import RANGE_END, RANGE_START
from geo.web.mapview.colours import holder_colour, regime_colour
from geo.web.mapview.words import MapWords

NOT_SOVEREIGN = ("occupied", "administered")
UNCERTAIN_KM = 10.0


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


def make_pattern(key: str) -> folium.plugins.CirclePattern | folium.plugins.StripePattern:
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
    """Draws one state of the map: ``AtlasMap.styler(map, state, patterns, shapes url)``.

    The browser restyles, in place, the unit shapes it fetched once from ``url`` and draws the
    overlays anew, so a date change ships a small style table and the unit texts (a few kB).
    ``patterns`` are the Leaflet.pattern objects of this group, passed by their script names.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "AtlasMap.styler({{ this._parent._parent.get_name() }}, {{ this.state|tojson }}, { "
        "{% for key, pattern in this.patterns.items() %}"
        "{{ key|tojson }}: {{ pattern.get_name() }},"
        "{% endfor %}}, {{ this.url|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, state: dict[str, Any], patterns: Mapping[str, MacroElement],
                 url: str) -> None:
        super().__init__()
        self._name = "StateStyler"
        self.state = state
        self.patterns = patterns
        self.url = url


@dataclass(frozen=True)
class View:
    """A framing the map moves to once: ``bounds`` as ((south, west), (north, east))."""

    bounds: tuple[tuple[float, float], tuple[float, float]]
    counter: int


OVERLAYS = ("claims", "regimes")


class StateLayers:
    """Builds, and caches per ``state.key``, the style table and texts of each distinct state.

    The unit descriptions come from ``geo.engine.unit_record.unit_record`` (one source for the
    map, ``geo.query`` and the exports); this class only turns them into what Leaflet draws.
    ``shapes_url`` is where the browser fetches ``display_geometry_json`` of the same atlas.
    ``words`` writes the unit texts and the tooltip words in one language (English by default).
    The cache holds JSON strings, so every run works on a fresh copy.
    """

    def __init__(self, atlas: Atlas, shapes_url: str, words: MapWords | None = None) -> None:
        self.atlas = atlas
        self.shapes_url = shapes_url
        self.words = words or MapWords()
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
        words = self.words
        for uid in self._ids:
            if uid not in state.units or uid not in atlas.units:
                continue
            props = unit_record(atlas, state, uid)
            modern = props["resolution"] == "modern-outline"
            uncertain = ((props["uncertainty_km"] or 0) >= UNCERTAIN_KM
                         or props["certainty"] != "firm")
            colour = holder_colour(props["holder"], atlas.holders)
            units[uid] = {
                "props": {
                    "name": words.place(atlas.units[uid]),
                    "holder": props["holder_name"],
                    "status": words.status(props["status"], props["regime"]),
                    "render": props["status"],
                    "modern": modern,
                    "uncertain": uncertain,
                    "claims": [
                        words.claim(c["claimant_name"], c["kind"], c["in_force"],
                                    c["extent"] == "inferred")
                        for c in props["claims"]
                    ],
                },
                "style": style_id(unit_style(colour, props["status"], modern, uncertain)),
            }
            for claim in props["claims"]:
                stripes = stripe_key(holder_colour(claim["claimant"], atlas.holders),
                                     claim["in_force"])
                claims.append({"unit": uid, "style": style_id(
                    {"stroke": False, "fillOpacity": 1, "pattern": stripes})})
            if props["regime"]:
                regimes[uid] = regime_colour(props["regime"])
        return {"styles": styles, "units": units, "claims": claims, "regimes": regimes}

    def timeline_json(self) -> str:
        """Every distinct map of the study range and the day each run starts, for ``DayPainter``.

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

        day_runs, keys = self.atlas.runs_of(lambda state: state.key)
        runs = [[day.isoformat(), keys[number]] for day, number in day_runs]
        states: dict[str, Any] = {}
        patterns: set[str] = set()
        for state in self.atlas.distinct_states():
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
        described["words"] = self.words.browser()
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


