"""A date step in the browser leaves the map exactly as a fresh page draws that date.

On a step, the map frame (``static/app/js/atlas-map.js``) restyles only the region shapes whose
style or texts change and keeps the overlay layers (claims, regime outlines, the selection)
that the new date shares with the last one. The walk below moves the slider through years in
which claims and Straits regimes come and go, and reads every shape of the map in the same
script that moved it, before the server hears of the date and draws the whole map again. A
fresh page opened on that date must show the same shapes, in the same order, with the same
fills, hatching, outlines, names and Tab stop.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.engine.timeline import Atlas
from tests.e2e import atlas_session
from tests.e2e.atlas_map import IFRAME, UNIT_FILLS_JS, data_dir

pytestmark = pytest.mark.e2e

# Each path the map's vector layer draws (not those inside patterns) as its attributes, a
# pattern fill as the pattern's own markup (pattern ids differ from page to page).
SHAPES_JS = """(sel) => {
    const doc = document.querySelector(sel).contentDocument;
    const names = ["fill", "stroke", "stroke-width", "stroke-opacity", "fill-opacity",
                   "stroke-dasharray", "d", "aria-label", "role", "tabindex"];
    const pattern = (fill) => {
        const found = /^url\\(["']?#([^"')]+)["']?\\)$/.exec(fill || "");
        if (!found) return fill;
        const node = doc.getElementById(found[1]);
        return node ? node.outerHTML.replace(/ id="[^"]*"/g, "") : "missing " + found[1];
    };
    const paths = [...doc.querySelectorAll(".leaflet-overlay-pane svg path")];
    return paths.filter((path) => !path.closest("pattern")).map((path) =>
        names.map((name) => name === "fill" ? pattern(path.getAttribute(name))
                                            : path.getAttribute(name)));
}"""
# Move the slider through ``years`` as a reader would (one input event per year) and read the
# shapes at once, in the same task as the last step.
WALK_JS = """([sel, years]) => {
    const slider = document.querySelector("input[type=range]");
    for (const year of years) {
        slider.value = String(year);
        slider.dispatchEvent(new Event("input", { bubbles: true }));
    }
    return (SHAPES)(sel);
}""".replace("SHAPES", SHAPES_JS)
# Whether the region's fill is ``want`` ("pattern": any hatching).
PAINTED_JS = """([sel, unit, want]) => {
    const fill = ((UNIT_FILLS)(sel) || {})[unit] || "";
    return want === "pattern" ? fill.startsWith("url(") : fill === want;
}""".replace("UNIT_FILLS", UNIT_FILLS_JS)
FIRST = date(1918, 5, 1)
WALKS = ([1919, 1920, 1921], [1922, 1923, 1924, 1936, 1937, 1945, 1946], [1950, 1953, 1954])


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(data_dir())


def wait_painted(page, atlas: Atlas, day: date) -> None:
    want = atlas_session.expected(atlas, day).fill
    page.wait_for_function(PAINTED_JS, arg=[IFRAME, atlas_session.REGION, want], polling="raf",
                           timeout=60_000)


def fresh_shapes(browser_page, app_url: str, atlas: Atlas, day: date) -> list[list[str]]:
    browser_page.goto(f"{app_url}/?date={day.isoformat()}&region={atlas_session.REGION}")
    wait_painted(browser_page, atlas, day)
    return browser_page.evaluate(SHAPES_JS, IFRAME)


def test_steps_leave_the_map_a_fresh_page_draws(page, browser, app_url, atlas) -> None:
    page.goto(atlas_session.start_url(app_url))
    wait_painted(page, atlas, atlas_session.START)
    # The map paints the browser's date once its timeline has arrived.
    page.evaluate(WALK_JS, [IFRAME, [FIRST.year]])
    wait_painted(page, atlas, FIRST)
    other = page.context.new_page()
    try:
        for years in WALKS:
            page.wait_for_timeout(1000)  # the last walk's server run has drawn the map
            walked = page.evaluate(WALK_JS, [IFRAME, years])
            day = FIRST.replace(year=years[-1])
            assert walked == fresh_shapes(other, app_url, atlas, day), day
    finally:
        other.close()
    assert page.js_errors == []
