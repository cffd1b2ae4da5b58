"""The Atlas's time control in Chromium: fast keys and Play never lose a step or move back.

Key presses 40 ms apart and Play at its fastest speed step the date in the browser
(``static/app/js/time-control.mjs``), and the server hears of the date once it settles. A
recorder in the page samples slider, heading and address bar at every animation frame: the
year they show may only grow, and in the end slider, heading, address bar, map and the server's
region panel all show the last date.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.engine.timeline import Atlas
from tests.e2e import atlas_session
from tests.e2e.atlas_map import IFRAME, data_dir, wait_for_fill

pytestmark = pytest.mark.e2e

# Every change of what slider, heading and address bar show, sampled at each frame.
RECORD_JS = """() => {
    window.__seen = [];
    let last = "";
    function sample() {
        const slider = document.querySelector("input[type=range]");
        const h1 = document.querySelector("h1");
        const date = /date=([0-9]{4})/.exec(location.search);
        const now = [slider ? Number(slider.value) : null,
                     h1 ? Number(h1.innerText.trim().slice(-4)) : null,
                     date ? Number(date[1]) : null];
        if (now.join() !== last) { last = now.join(); window.__seen.push(now); }
        requestAnimationFrame(sample);
    }
    sample();
}"""


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(data_dir())


def open_session(page, app_url: str, atlas: Atlas) -> None:
    page.goto(atlas_session.start_url(app_url))
    start = atlas_session.expected(atlas, atlas_session.START)
    wait_for_fill(page, atlas_session.REGION, expected=start.fill, timeout=60_000)
    page.wait_for_timeout(1500)  # the timeline is fetched once the map is up
    page.evaluate(RECORD_JS)


def never_back(seen: list[list[int]]) -> None:
    for part, name in enumerate(("slider", "heading", "address bar")):
        years = [row[part] for row in seen if row[part] is not None]
        assert years == sorted(years), f"the {name} moved back: {years}"


def agrees(page, atlas: Atlas, day: date) -> None:
    """Slider, heading, address bar, map and panel on ``day`` (the server's part within 10 s)."""
    want = atlas_session.expected(atlas, day)
    for _ in range(40):
        wrong = atlas_session.disagreements(atlas_session.read(page), want)
        if not wrong:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"{day}: {wrong} disagree: {atlas_session.read(page)}")


def test_keys_40_ms_apart_never_drop_a_step_or_snap_back(page, app_url, atlas) -> None:
    open_session(page, app_url, atlas)
    page.get_by_role("slider").focus()
    for _ in range(30):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(40)
    last = atlas_session.START.replace(year=atlas_session.START.year + 30)
    agrees(page, atlas, last)
    seen = page.evaluate("() => window.__seen")
    never_back(seen)
    assert seen[-1] == [last.year] * 3
    page.wait_for_timeout(1500)  # late server runs must not move anything back either
    never_back(page.evaluate("() => window.__seen"))
    agrees(page, atlas, last)
    assert page.js_errors == [] and page.outside_requests == []


def test_play_at_its_fastest_shows_every_year_and_stops_at_the_end(page, app_url,
                                                                   atlas) -> None:
    open_session(page, app_url, atlas)
    page.get_by_role("combobox", name="Speed").select_option(label="fast")
    page.get_by_role("slider").fill("1984")  # near the end, so that the run is short
    agrees(page, atlas, date(1984, 5, 1))
    page.evaluate("() => { window.__seen = []; }")
    play = page.get_by_role("button", name="Play")
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    page.wait_for_function(
        "() => document.querySelector('button[aria-pressed]').getAttribute('aria-pressed')"
        " === 'false'", timeout=30_000)
    agrees(page, atlas, date(1991, 5, 1))
    seen = page.evaluate("() => window.__seen")
    never_back(seen)
    headings = [row[1] for n, row in enumerate(seen) if n == 0 or row[1] != seen[n - 1][1]]
    assert headings == list(range(1985, 1992)), f"a year was skipped: {headings}"
    assert page.evaluate("(sel) => !!document.querySelector(sel)", IFRAME)
    assert page.js_errors == [] and page.outside_requests == []


# The browser's own parts of a step: the panel's spoken summary, the day's events and the
# legend, read from the page.
DAY_PARTS_JS = """() => {
    const text = (sel) => {
        const node = document.querySelector(sel);
        return node ? node.textContent : null;
    };
    return {status: text('.atlas-time-status [role="status"]'),
            events: text(".atlas-time-events"), legend: text(".atlas-time-legend")};
}"""


def test_a_step_shows_the_days_texts_at_once_and_the_panel_follows_its_period(
        page, app_url, atlas) -> None:
    """Events, legend and spoken summary follow each step before the server hears of it; the
    server's region panel follows when a step crosses into another period of the region."""
    open_session(page, app_url, atlas)
    page.get_by_role("slider").focus()
    for year in range(1915, 1924):
        day = atlas_session.START.replace(year=year)
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(100)  # well before the step settles (300 ms) and reaches the server
        parts = page.evaluate(DAY_PARTS_JS)
        state = atlas.state_at(day)
        period = state.units[atlas_session.REGION].period
        holder = atlas.holder_name(period.holder, period.within)
        assert parts["status"] == f"Kars, 1 May {year}: held by {holder}; {period.status_label}."
        assert str(year) in parts["events"]
        for unit_state in state.units.values():
            assert atlas.holder_name(unit_state.period.holder) in parts["legend"]
        agrees(page, atlas, day)
    assert page.js_errors == [] and page.outside_requests == []
