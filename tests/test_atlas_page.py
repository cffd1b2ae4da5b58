"""The Atlas page under AppTest: controls, deep links, bad parameters, clicks, offline links.

The page reads the small fixture atlas (``BORDERLANDS_DATA``) so that the assertions do not
move when the real data is revised; one smoke test runs on the real ``data/`` (failing if broken).
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.common import md
from geo.engine.timeline import Atlas
from geo.paths import DATA, STATIC
from tests.hostile import HOSTILE_NAME, hostile_data

FIXTURE = Path(__file__).parent / "fixtures" / "data"
APP = "../app.py"  # relative to this file, as AppTest resolves it


def make_app(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


@pytest.fixture(autouse=True)
def fixture_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BORDERLANDS_DATA", str(FIXTURE))


def component(at: AppTest):
    found = [c for c in at.get("component_instance")
             if c.proto.component_name == "streamlit_folium.st_folium"]
    assert len(found) == 1
    return found[0]


def map_args(at: AppTest) -> dict:
    return json.loads(component(at).proto.json_args)


def map_state(at: AppTest) -> dict:
    """The date's map description sent to the browser, decoded from the feature-group JS."""
    script = map_args(at)["feature_group"]
    call = re.search(r"AtlasMap\.styler\(\w+, ", script)
    assert call, "the feature group must draw its state with AtlasMap.styler"
    start = call.end()
    data, _ = json.JSONDecoder().raw_decode(script, start)
    return data


def unit_props(at: AppTest, unit_id: str) -> dict:
    return map_state(at)["units"][unit_id]["props"]


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [h.value for h in [*at.header, *at.subheader]]
    return "\n".join(parts)


def time_data(at: AppTest, key: str = "time_control") -> dict:
    """The data the server sends the time control (``key="time_heading"``: the heading)."""
    found = [e for e in at.get("bidi_component") if e.proto.id.endswith("-" + key)]
    assert len(found) == 1, key
    return json.loads(found[0].proto.json)


def shown_date(at: AppTest) -> str:
    """The heading as the browser writes it from the server's day and month patterns."""
    data = time_data(at, "time_heading")
    year, month, day = (int(part) for part in data["day"].split("-"))
    return "# " + data["patterns"][month - 1].replace("{d}", str(day)).replace("{y}", str(year))


def run_on(runs: list, day: str):
    """The item of ``runs`` in force on ``day``, as the browser's ``runOn`` finds it."""
    return [item for start, item in runs if start <= day][-1]


def legend_runs(at: AppTest) -> dict:
    """The published file of day legends the legend part is told to fetch."""
    url = time_data(at, "time_legend")["legendUrl"]
    assert re.fullmatch(r"/app/static/geo/legend-[0-9a-f]{16}\.json", url), url
    return json.loads((STATIC / "geo" / url.rsplit("/", 1)[1]).read_text(encoding="utf-8"))


def day_texts(at: AppTest) -> str:
    """The legend and the events the browser draws for the server's day (their data)."""
    legend, events = legend_runs(at), time_data(at, "time_events")
    day = events["day"]
    shown = legend["html"][run_on(legend["runs"], day)]
    own = [f"{title}: {summary}" for start, title, summary in events["events"] if start == day]
    return "\n".join([shown, *own])


def settle(at: AppTest, day: str, steps: int = 1) -> AppTest:
    """What the browser's time control sends once a date settles after ``steps`` local steps:
    the day and the sequence number of the last step."""
    control = next(e for e in at.get("bidi_component") if e.proto.id.endswith("-time_control"))
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = control.proto.id
    state.json_value = json.dumps({"day": {"day": day, "seq": time_data(at)["seq"] + steps}})
    return at._run(states)


def click(at: AppTest, lat: float, lng: float) -> AppTest:
    """Fake a map click through st_folium's widget key (its value is the last click)."""
    widget_key = component(at).proto.id.split("-", 2)[-1]
    at.session_state[widget_key] = {"last_clicked": {"lat": lat, "lng": lng}}
    return at.run()


def test_default_view_runs_and_links_only_local_assets() -> None:
    at = make_app()
    assert not at.exception
    args = map_args(at)
    links = args["js_links"] + args["css_links"]
    assert links, "the map must link Leaflet"
    assert all(link.startswith(("/app/static/vendor/", "/app/static/app/")) for link in links)
    assert any(link.startswith("/app/static/app/js/atlas-map.js?v=") for link in links), links
    assert "d3" not in json.dumps(links)
    assert at.query_params["date"] == "1921-10-13"


def test_deep_link_restores_date_and_region() -> None:
    at = make_app({"date": "1919-06-01", "region": "batumi"})
    assert not at.exception
    assert shown_date(at) == "# 1 June 1919"
    body = texts(at)
    assert "United Kingdom" in body and "occupied" in body
    assert at.selectbox(key="w_region").value == "batumi"
    assert unit_props(at, "batumi")["render"] == "occupied"
    assert at.query_params["region"] == "batumi"
    assert map_state(at)["selected"] == "batumi"


def test_year_parameter_becomes_the_first_of_january() -> None:
    at = make_app({"year": "1925"})
    assert shown_date(at) == "# 1 January 1925"
    assert at.query_params["date"] == "1925-01-01"
    assert "year" not in at.query_params


@pytest.mark.parametrize(
    ("params", "expected_date", "notice"),
    [
        ({"year": "abc"}, "1921-10-13", "Ignored year"),
        ({"date": "1700-01-01"}, "1878-07-13", "outside"),
        ({"date": "2024-13-40"}, "1921-10-13", "Ignored date"),
        ({"year": "2500"}, "1991-01-01", "outside"),
        ({"region": "<script>alert(1)</script>"}, "1921-10-13", "Ignored region"),
    ],
)
def test_bad_parameters_are_ignored_or_clamped_with_a_notice(params, expected_date, notice) -> None:
    at = make_app(params)
    assert not at.exception
    assert at.query_params["date"] == expected_date
    warnings = " ".join(w.value for w in at.warning)
    assert notice in warnings
    assert "<script>" not in warnings
    assert "region" not in at.query_params


def test_a_settled_date_changes_the_state_and_the_url() -> None:
    at = make_app({"date": "1914-05-01"})
    assert shown_date(at) == "# 1 May 1914"
    assert "Russian Empire" in unit_props(at, "kars")["holder"]
    settle(at, "1925-05-01", steps=11)
    assert not at.exception
    assert shown_date(at) == "# 1 May 1925"
    assert at.query_params["date"] == "1925-05-01"
    assert unit_props(at, "kars")["holder"] == "Turkey"
    assert time_data(at)["seq"] == 11, "the server echoes the last step it applied"


def test_a_step_older_than_the_last_applied_one_is_ignored() -> None:
    at = make_app({"date": "1914-05-01"})
    settle(at, "1920-05-01", steps=6)
    settle(at, "1916-05-01", steps=-2)  # a late message from before step 6
    assert at.query_params["date"] == "1920-05-01"
    assert time_data(at)["seq"] == 6


def test_an_address_the_page_wrote_before_does_not_move_the_date_back() -> None:
    # Under load a request can leave before the browser heard of the last page run; it then
    # names the address from before that run, which is no link to follow.
    at = make_app({"date": "1914-05-01", "region": "kars"})
    settle(at, "1918-05-01", steps=4)
    assert at.query_params["date"] == "1918-05-01"
    at.query_params["date"] = "1914-05-01"
    settle(at, "1920-05-01", steps=2)
    assert not at.exception
    assert at.query_params["date"] == "1920-05-01"
    assert time_data(at)["day"] == "1920-05-01"
    assert shown_date(at) == "# 1 May 1920"


def test_a_link_to_a_view_the_page_did_not_write_still_wins() -> None:
    at = make_app({"date": "1914-05-01", "region": "kars"})
    settle(at, "1918-05-01", steps=4)
    at.query_params["date"] = "1930-05-01"
    at.run()
    assert at.query_params["date"] == "1930-05-01"
    assert time_data(at)["day"] == "1930-05-01"


def test_another_page_forgets_the_addresses_so_a_link_back_may_name_an_older_view() -> None:
    at = make_app({"date": "1914-05-01", "region": "kars"})
    settle(at, "1918-05-01", steps=4)
    at.switch_page("app_pages/sources.py").run()
    at.switch_page("app_pages/atlas.py")
    at.query_params["date"] = "1914-05-01"
    at.query_params["region"] = "kars"
    at.run()
    assert at.query_params["date"] == "1914-05-01"
    assert time_data(at)["day"] == "1914-05-01"


def test_browser_history_is_told_apart_by_the_run_context() -> None:
    # ``common.late_own_address`` lets Back and Forward through by this internal flag; an
    # upgrade of the pinned Streamlit that drops it must fail here.
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext
    assert "is_history_navigation" in {f.name for f in dataclasses.fields(ScriptRunContext)}


def test_the_control_gets_change_days_range_and_translated_labels() -> None:
    atlas = Atlas.load(FIXTURE)
    data = time_data(make_app({"date": "1921-03-16", "lang": "tr"}))
    assert data["changes"] == [day.isoformat() for day in atlas.change_dates]
    assert (data["first"], data["last"], data["day"]) == ("1878-07-13", "1991-12-26", "1921-03-16")
    assert data["labels"]["year"] == "Yıl" and data["patterns"][9] == "{d} Ekim {y}"
    assert [seconds for seconds, _ in data["speeds"]] == [2.0, 1.0, 0.5]


def test_exact_date_link_sets_the_heading() -> None:
    at = make_app({"date": "1936-08-15"})
    assert shown_date(at) == "# 15 August 1936"
    assert "Montreux 1936" in day_texts(at)


def test_region_panel_shows_basis_quote_link_claims_and_history() -> None:
    at = make_app({"date": "1946-01-01", "region": "kars"})
    body = texts(at)
    assert "Карс" in body
    assert "/treaties?doc=treaty-of-kars-1921" in body
    assert "Claims on this day" in body and "demand" in body
    assert "title from signature \\(13 October 1921\\)" in body
    history = next(m.value for m in at.markdown if m.value.startswith("**Whole history**"))
    rows = [line for line in history.splitlines() if line.startswith("| ")][1:]
    assert any("Russian Empire" in row for row in rows)
    assert [row.startswith("| ▶ |") for row in rows].count(True) == 1, "one current period"


def test_quotation_is_verbatim_and_labelled() -> None:
    """Kars in 1900 rests on the Treaty of Berlin, art. 58: its committed quotation is shown
    word for word as a block quote, labelled verbatim with its edition, beside our summary."""
    atlas = Atlas.load(FIXTURE)
    article = atlas.documents["treaty-of-berlin-1878"].article("58")
    assert article is not None and article.quotes
    at = make_app({"date": "1900-01-01", "region": "kars"})
    quoted = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert quoted == [f"> {md(q.text)}" for q in article.quotes]
    labels = [c.value for c in at.caption if c.value.startswith("Verbatim, ")]
    assert len(labels) == len(article.quotes) and all("article 58" in x for x in labels)
    assert any(m.value.startswith("*Summary (our words):*") for m in at.markdown)


def test_map_click_selects_and_sea_click_clears() -> None:
    at = make_app({"date": "1919-06-01"})
    at = click(at, 41.75, 41.5)
    assert not at.exception
    assert at.query_params["region"] == "batumi"
    assert "United Kingdom" in texts(at)
    at = click(at, 35.0, 30.0)
    assert "region" not in at.query_params


def test_selectbox_selects_without_a_mouse() -> None:
    at = make_app({"date": "1946-01-01"})
    at.selectbox(key="w_region").set_value("straits-gallipoli").run()
    assert at.query_params["region"] == "straits-gallipoli"
    assert "Gallipoli peninsula" in texts(at)


def test_region_panel_has_one_live_summary_that_follows_the_selection() -> None:
    """The browser writes the sentence from these words and periods (``statusOn``)."""
    at = make_app({"date": "1946-01-01"})
    status = time_data(at, "time_status")
    assert status["region"] == "" and status["words"]["noRegion"] == "{date}: no region chosen."
    at.selectbox(key="w_region").set_value("kars").run()
    status = time_data(at, "time_status")
    assert status["region"] == "Kars"
    assert status["words"]["held"] == "{region}, {date}: held by {holder}; {status}."
    day = "1946-01-01"
    current = [p for p in status["periods"] if p[0] <= day and (p[1] or "9") > day]
    assert len(current) == 1 and current[0][2] == "Turkey"


def test_units_table_lists_every_unit() -> None:
    at = make_app({"date": "1946-01-01"})
    at.toggle(key="w_table").set_value(True).run()
    frames = [df.value for df in at.dataframe]
    table = next(f for f in frames if "Source" in f.columns)
    assert len(table) == 5
    assert set(table.columns) >= {"Region", "Held by", "Status", "Since", "Basis", "Source"}


def test_payload_per_change_is_small() -> None:
    at = make_app({"date": "1946-01-01"})
    assert len(component(at).proto.json_args) < 60_000


def test_hostile_strings_are_shown_not_run(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("BORDERLANDS_DATA", str(hostile_data(tmp_path)))
    at = make_app({"date": "1946-01-01", "region": "kars"})
    assert not at.exception
    args = map_args(at)
    for text in (args["feature_group"], args["script"]):
        assert "<img" not in text and "<script" not in text and "innerHTML" not in text
    assert "<img" not in args["header"] and "${alert" not in args["header"]
    legends = legend_runs(at)["html"]
    assert legends and all("<img" not in block and "${" not in block for block in legends)
    html_blocks = [e.proto.body for e in at.get("html") if e.proto.body.startswith("<div")]
    assert html_blocks and all("<img" not in block and "${" not in block for block in html_blocks)
    plain = [m.value for m in at.markdown]
    assert all(not re.search(r"(?<!\\)<", value) for value in plain), "unescaped < in markdown"
    assert any("img src=x onerror=alert\\(1\\)" in value for value in plain), HOSTILE_NAME


def test_real_data_smoke(monkeypatch) -> None:
    """The committed data loads (a DataError here fails the run: broken data is never skipped)."""
    Atlas.load(DATA)
    monkeypatch.delenv("BORDERLANDS_DATA")
    at = make_app({"date": "1919-06-01", "region": "batumi"})
    assert not at.exception
    assert len(component(at).proto.json_args) < 60_000
