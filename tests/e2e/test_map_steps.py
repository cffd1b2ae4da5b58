"""Fast stepping and the map's accessible names, in real headless Chromium.

Key presses 40 ms apart and Play at its fastest must never drop a step or snap back: the page
ends on the year the keys asked for and, while playing, shows every year in order. Every
region drawn on the map carries an accessible name (its name and holder).
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.engine.timeline import Atlas
from tests.e2e import atlas_session
from tests.e2e.atlas_map import IFRAME, data_dir, wait_for_units

pytestmark = pytest.mark.e2e

KEYS = 15
SETTLE_MS = 3_000

SHAPE_NAMES_JS = """(sel) => {
    const w = document.querySelector(sel).contentWindow, names = {};
    w.map.eachLayer((layer) => {
        const props = layer.feature && layer.feature.properties;
        if (props && props.render !== undefined && layer._path) {
            names[layer.feature.id] = [layer._path.getAttribute("aria-label"),
                                       layer._path.getAttribute("role")];
        }
    });
    return names;
}"""

# Records every year the heading shows (sampled each animation frame) until stopped.
WATCH_HEADING_JS = """() => {
    window.__years = [];
    function sample() {
        const h1 = document.querySelector("h1");
        const match = h1 && /(\\d{4})\\s*$/.exec(h1.innerText.trim());
        const year = match ? Number(match[1]) : null;
        const seen = window.__years;
        if (year !== null && seen[seen.length - 1] !== year) { seen.push(year); }
        if (!window.__stopWatch) { requestAnimationFrame(sample); }
    }
    requestAnimationFrame(sample);
}"""


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(data_dir())


def test_every_region_on_the_map_has_an_accessible_name(page, app_url, atlas) -> None:
    day = date(1919, 6, 1)
    state = atlas.state_at(day)
    page.goto(app_url + "/?date=1919-06-01")
    wait_for_units(page, len(state.units))
    names = page.evaluate(SHAPE_NAMES_JS, IFRAME)
    for uid, unit_state in state.units.items():
        if uid not in atlas.geometries:
            continue
        period = unit_state.period
        label, role = names[uid]
        assert role == "img", uid
        assert label.startswith(atlas.units[uid].name_en + ", held by "), (uid, label)
        assert atlas.holder_name(period.holder, period.within) in label, (uid, label)


def test_keys_40_ms_apart_land_on_the_last_year_and_stay(page, app_url, atlas) -> None:
    page.goto(atlas_session.start_url(app_url))
    wait_for_units(page, len(atlas.state_at(atlas_session.START).units))
    page.get_by_role("slider").focus()
    for _ in range(KEYS):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(40)
    target = atlas_session.START.replace(year=atlas_session.START.year + KEYS)
    want = atlas_session.expected(atlas, target)
    page.wait_for_function(f"() => location.search.includes('date={target.isoformat()}')",
                           timeout=30_000)
    page.wait_for_timeout(SETTLE_MS)  # a snap-back would show now
    assert atlas_session.disagreements(atlas_session.read(page), want) == []
    assert page.outside_requests == [] and page.js_errors == []


def test_play_at_its_fastest_shows_every_year_in_order(page, app_url, atlas) -> None:
    page.goto(atlas_session.start_url(app_url))
    wait_for_units(page, len(atlas.state_at(atlas_session.START).units))
    page.get_by_test_id("stSelectbox").filter(has_text="normal").click()
    page.get_by_role("option", name="fast").click()
    page.evaluate(WATCH_HEADING_JS)
    page.get_by_text("Play", exact=True).click()
    page.wait_for_function("() => window.__years.length >= 10", timeout=60_000)
    page.get_by_text("Play", exact=True).click()
    page.wait_for_timeout(SETTLE_MS)  # a late tick or a snap-back would show now
    page.evaluate("() => { window.__stopWatch = true; }")
    years = page.evaluate("() => window.__years")
    start = atlas_session.START.year
    assert years == list(range(start, start + len(years))), years
    shown = atlas_session.read(page)
    assert atlas_session.disagreements(
        shown, atlas_session.expected(atlas, atlas_session.START.replace(year=years[-1]))) == []
