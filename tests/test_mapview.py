"""geo.web.mapview without Streamlit: escaping, colours, the base map and the click hit test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from streamlit_folium import _get_feature_group_string, _get_map_string, generate_js_hash

from geo.engine.timeline import Atlas
from geo.engine.unit_record import unit_record
from geo.paths import DATA, ROOT
from geo.web import mapview
from geo.web.mapview.legend import straits_claims
from tests.hostile import HOSTILE_HOLDER, HOSTILE_NAME, hostile_data

FIXTURE = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(FIXTURE)


@pytest.fixture(scope="module")
def hostile_atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    return Atlas.load(hostile_data(tmp_path_factory.mktemp("hostile")))


def base_map(labels: list[mapview.Label] | None = None):
    return mapview.build_base_map(
        {"land": "/app/static/geo/land.geojson"}, labels or [], [("leaflet", "/l.js")], []
    )


URL = "/app/static/geo/units-test.geojson"


def rendered_group(layers: mapview.StateLayers, day: date, selected: str | None = None) -> str:
    fmap = base_map()
    fmap.get_root().render()
    return _get_feature_group_string(layers.group(layers.atlas.state_at(day), selected), fmap)


def test_markdown_html_text_neutralises_html_and_markdown() -> None:
    text = mapview.markdown_html_text("<img src=x onerror=alert(1)> ${alert(2)} `x` \\")
    assert "<" not in text and "$" not in text and "`" not in text and "\\" not in text
    assert "&lt;img" in text


def test_holder_colours_are_fixed_and_union_republics_take_the_state_colour(atlas) -> None:
    assert mapview.holder_colour("turkey", atlas.holders) == "#CC6677"
    assert mapview.holder_colour("georgian-ssr", atlas.holders) == mapview.HOLDER_COLOURS["ussr"]
    main = ["russian-empire", "ussr", "ottoman-empire", "turkey", "armenia", "georgia",
            "azerbaijan", "iran", "united-kingdom"]
    assert len({mapview.HOLDER_COLOURS[h] for h in main}) == len(main)
    newcomers = ["somebody-new", "another-holder", "a-third-one"]
    fallbacks = [mapview.holder_colour(h, {}) for h in newcomers]
    assert set(fallbacks) <= set(mapview.FALLBACK_COLOURS)
    assert fallbacks == colours_in_fresh_process(newcomers)  # not Python's per-run hash()


def colours_in_fresh_process(holder_ids: list[str]) -> list[str]:
    """Fallback colours as another server process (another hash seed) would choose them."""
    code = ("from geo.web.mapview import holder_colour\n"
            f"for h in {holder_ids!r}: print(holder_colour(h, {{}}))")  # fmt: skip
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True, timeout=60)  # fmt: skip
    return done.stdout.split()


def test_base_map_script_is_identical_on_every_build() -> None:
    labels = [mapview.Label("Kars", 43.1, 40.6)]
    scripts = []
    for _ in range(2):
        fmap = base_map(labels)
        fmap.get_root().render()
        scripts.append(generate_js_hash(_get_map_string(fmap), "k"))
    assert scripts[0] == scripts[1]


def test_base_map_links_only_what_it_is_given() -> None:
    fmap = base_map()
    assert fmap.default_js == [("leaflet", "/l.js")]
    assert fmap.default_css == []


def test_state_layer_carries_holder_status_and_overlays(atlas) -> None:
    layers = mapview.StateLayers(atlas, URL)
    data = json.loads(layers.layer_json(atlas.state_at(date(1946, 1, 1))))
    units = {uid: unit["props"] for uid, unit in data["units"].items()}
    assert units["kars"]["holder"] == "Turkey"
    assert units["anatolia"]["modern"] is True
    assert [c["unit"] for c in data["claims"]] == ["kars"]
    assert list(data["regimes"]) == ["straits-gallipoli"]
    june_1919 = layers.describe(atlas.state_at(date(1919, 6, 1)))
    batumi = june_1919["units"]["batumi"]
    assert batumi["props"]["render"] == "occupied"
    assert june_1919["styles"][batumi["style"]]["pattern"].startswith("dots:")
    assert "United Kingdom" in batumi["props"]["holder"]


def test_styles_are_one_table_of_complete_styles(atlas) -> None:
    data = mapview.StateLayers(atlas, URL).describe(atlas.state_at(date(1946, 1, 1)))
    unit_styles = [data["styles"][unit["style"]] for unit in data["units"].values()]
    assert len({unit["style"] for unit in data["units"].values()}) < len(data["units"])
    keys = set(unit_styles[0])
    # setStyle merges: every unit style must name every key, or one date's dash or pattern
    # would survive on the next date.
    assert keys >= {"color", "weight", "fillColor", "fillOpacity", "dashArray", "pattern"}
    assert all(set(style) == keys for style in unit_styles)
    assert len(data["styles"]) == len({json.dumps(s, sort_keys=True) for s in data["styles"]})


def test_unit_texts_come_from_the_unit_record(atlas) -> None:
    state = atlas.state_at(date(1946, 1, 1))
    props = mapview.StateLayers(atlas, URL).describe(state)["units"]["kars"]["props"]
    source = unit_record(atlas, state, "kars")
    assert props["holder"] == source["holder_name"]
    assert props["status"] == source["status_label"]
    assert props["claims"] == ["USSR (Armenian SSR) (demand, not in force)"]


def test_each_distinct_state_is_described_once(atlas) -> None:
    layers = mapview.StateLayers(atlas, URL)
    first = layers.layer_json(atlas.state_at(date(1930, 1, 1)))
    assert layers.layer_json(atlas.state_at(date(1935, 6, 1))) is first
    assert layers.layer_json(atlas.state_at(date(1937, 1, 1))) is not first
    described = layers.describe(atlas.state_at(date(1930, 1, 1)))
    assert set(described["units"]) == set(atlas.geometries) & set(atlas.units)
    assert described == json.loads(first) and described is not layers.describe(
        atlas.state_at(date(1930, 1, 1)))


def test_map_words_write_the_unit_texts_and_the_browser_words(atlas) -> None:
    """A page's ``MapWords`` (here a shouting "language") word every text the map shows."""
    words = mapview.MapWords(gettext=str.upper, term=lambda key: f"<{key}>",
                             place=lambda unit: unit.id)
    layers = mapview.StateLayers(atlas, URL, words)
    state = atlas.state_at(date(1946, 1, 1))
    props = layers.describe(state)["units"]["kars"]["props"]
    assert props["name"] == "kars"
    assert props["status"] == "<sovereign>"
    assert props["claims"] == ["USSR (Armenian SSR) (<demand>, NOT IN FORCE)"]
    assert words.browser()["heldBy"] == "HELD BY"
    script = _get_feature_group_string(layers.group(state), base_map())
    assert '"heldByName": "HELD BY {HOLDER}"' in script
    english = mapview.StateLayers(atlas, URL).group(state)
    assert '"heldBy": "Held by"' in _get_feature_group_string(english, base_map())
    fmap = mapview.build_base_map({}, [], [("leaflet", "/l.js")], [], words=words)
    assert '"title": "FULL SCREEN"' in _get_map_string(fmap)
    assert '"title": "Full screen"' in _get_map_string(base_map())


def test_group_overlays_and_view_are_optional(atlas) -> None:
    layers = mapview.StateLayers(atlas, URL)
    state = atlas.state_at(date(1946, 1, 1))
    fmap = base_map()
    fmap.get_root().render()
    bare = _get_feature_group_string(layers.group(state, overlays=()), fmap)
    assert '"claims": []' in bare and '"regimes": {}' in bare and "L.StripePattern" not in bare
    assert '"view": null' in bare
    view = mapview.View(mapview.VIEWS["Straits"], 3)
    framed = _get_feature_group_string(layers.group(state, view=view), fmap)
    assert '"view": {"bounds": [[39.6, 25.0], [41.4, 29.5]], "counter": 3}' in framed


def test_base_map_opens_on_the_frontier_with_fullscreen_and_zoom_gated_cities() -> None:
    fmap = base_map([mapview.Label("Kars", 43.26, 40.72)])
    fmap.get_root().render()
    script = _get_map_string(fmap)
    south_west, north_east = mapview.VIEWS[mapview.DEFAULT_VIEW]
    assert f"[{south_west[0]}, {south_west[1]}]" in script
    assert "L.control.fullscreen" in script
    zoom_call = f"AtlasMap.zoomClasses({fmap.get_name()}, {mapview.CITY_LABEL_ZOOM}, "
    assert zoom_call + f"{mapview.SMALL_LABEL_ZOOM});" in script
    (south, west), (north, east) = south_west, north_east
    for lon, lat in ((41.64, 41.64), (43.1, 40.6), (45.41, 39.21)):  # Batumi, Kars, Nakhchivan
        assert west < lon < east and south < lat < north


def test_display_geometry_has_every_unit_and_no_properties(atlas) -> None:
    shapes = json.loads(mapview.display_geometry_json(atlas.geometries))
    assert [f["id"] for f in shapes["features"]] == sorted(atlas.geometries)
    assert all(f["properties"] == {} for f in shapes["features"])


def test_layer_json_is_cached_per_state_key(atlas) -> None:
    layers = mapview.StateLayers(atlas, URL)
    first = layers.layer_json(atlas.state_at(date(1947, 1, 1)))
    assert layers.layer_json(atlas.state_at(date(1950, 6, 1))) is first
    assert layers.layer_json(atlas.state_at(date(1960, 6, 1))) is not first


def test_group_uses_patterns_for_occupation_and_claims(atlas) -> None:
    layers = mapview.StateLayers(atlas, URL)
    occupied = rendered_group(layers, date(1919, 6, 1), selected="batumi")
    assert "L.PatternCircle" in occupied
    assert '"selected": "batumi"' in occupied
    assert URL in occupied
    claimed = rendered_group(layers, date(1946, 1, 1))
    assert "L.StripePattern" in claimed
    assert "{{" not in claimed


def test_unit_at_finds_the_clicked_unit_and_none_on_the_sea(atlas) -> None:
    layers = mapview.StateLayers(atlas, URL)
    assert layers.unit_at(41.75, 41.5) == "batumi"
    assert layers.unit_at(41.0, 42.5) == "kars"
    assert layers.unit_at(10.0, 10.0) is None


def test_hostile_strings_are_escaped_everywhere(hostile_atlas) -> None:
    layers = mapview.StateLayers(hostile_atlas, URL)
    script = rendered_group(layers, date(1946, 1, 1), selected="kars")
    # Text travels as JSON (``<`` escaped by tojson) to AtlasMap.styler, which shows it with
    # textContent only (tests/js/atlas-map.test.mjs).
    assert "<img" not in script and "<script" not in script
    assert "innerHTML" not in script
    assert "AtlasMap.styler(" in script
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in script
    labels = [mapview.Label(HOSTILE_NAME, 42.5, 41.0), mapview.Label(HOSTILE_HOLDER, 42, 41)]
    fmap = base_map(labels)
    fmap.get_root().render()
    base = _get_map_string(fmap)
    assert "<img" not in base and "innerHTML" not in base
    legend = mapview.day_legend_html(hostile_atlas, hostile_atlas.state_at(date(1946, 1, 1)))
    assert "<img" not in legend and HOSTILE_HOLDER not in legend
    runs = mapview.legend_runs(hostile_atlas)
    assert all("<img" not in text and HOSTILE_HOLDER not in text for text in runs["html"])


def preview_state(timeline: dict, day: date) -> dict:
    """What ``DayPainter`` draws for ``day``: the run that started last, expanded."""
    iso = min(max(day.isoformat(), timeline["first"]), timeline["last"])
    key = [key for start, key in timeline["runs"] if start <= iso][-1]
    compact = timeline["states"][str(key)]
    return {
        "units": {uid: {"props": timeline["props"][p], "style": timeline["styles"][s]}
                  for uid, (p, s) in compact["units"].items()},
        "claims": [{"unit": uid, "style": timeline["styles"][s]} for uid, s in compact["claims"]],
        "regimes": compact["regimes"],
    }


def test_timeline_preview_draws_what_the_server_would(atlas) -> None:
    layers = mapview.StateLayers(atlas, URL)
    timeline = json.loads(layers.timeline_json())
    days = [date(1878, 7, 13), date(1900, 1, 1), date(1919, 6, 1), date(1921, 10, 13),
            date(1946, 1, 1), date(1991, 12, 26), *atlas.change_dates]
    for day in days:
        served = layers.describe(atlas.state_at(day))
        expected = {
            "units": {uid: {"props": u["props"], "style": served["styles"][u["style"]]}
                      for uid, u in served["units"].items()},
            "claims": [{"unit": c["unit"], "style": served["styles"][c["style"]]}
                       for c in served["claims"]],
            "regimes": served["regimes"],
        }
        assert preview_state(timeline, day) == expected, day
    used = {s["pattern"] for s in timeline["styles"] if s.get("pattern")}
    assert set(timeline["patterns"]) == used
    assert timeline["patterns"][next(k for k in used if k.startswith("dots:"))]["circle"]


def test_base_map_paints_browser_steps_only_when_given_a_timeline() -> None:
    plain = base_map()
    plain.get_root().render()
    assert "AtlasMap.dayPainter" not in _get_map_string(plain)
    fmap = mapview.build_base_map({}, [], [("leaflet", "/l.js")], [], "/app/static/geo/t.json")
    fmap.get_root().render()
    script = _get_map_string(fmap)
    assert 'AtlasMap.dayPainter(' in script and '"/app/static/geo/t.json");' in script


def test_legend_runs_give_each_day_its_own_legend(atlas: Atlas) -> None:
    """What the browser shows at a step (the run in force) is the legend of that day's map."""
    runs = mapview.legend_runs(atlas)
    assert len(runs["html"]) == len(set(runs["html"])), "each distinct legend is sent once"
    for day in [date(1878, 7, 13), *atlas.change_dates, date(1946, 6, 1), date(1991, 12, 26)]:
        number = [n for start, n in runs["runs"] if start <= day.isoformat()][-1]
        assert runs["html"][number] == mapview.day_legend_html(atlas, atlas.state_at(day))


def test_the_day_legend_names_straits_overlays_and_their_force() -> None:
    atlas = Atlas.load(DATA)  # the fixture has no claim on the Straits
    day = next(day for day in atlas.change_dates
               if straits_claims(atlas, atlas.state_at(day)))
    legend = mapview.day_legend_html(atlas, atlas.state_at(day))
    assert "Straits overlay: " in legend and "in force" in legend
