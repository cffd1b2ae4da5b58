"""Keyboard-only journeys in Chromium: no mouse, only Tab, arrows, typing and Enter.

Each journey starts from the top of a page and reaches its controls with Tab, as a reader who
cannot use a mouse would: choose a date and a region on the Atlas and read the panel (which a
screen reader is told about through a live region), follow a treaty's "Show on map" link, open
the Atlas from the Timeline's text list, and step through a tour. Focus must be visible on every
control reached.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from geo.engine.timeline import Atlas
from geo.records import tours
from tests.e2e.atlas_map import IFRAME, data_dir, wait_for_units

pytestmark = pytest.mark.e2e

TOUR = "kars-ardahan-artvin"
MAX_TABS = 80
# What the focused element is, and whether a focus ring is drawn around it.
FOCUSED_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {tag: el.tagName.toLowerCase(), role: el.getAttribute("role") || "",
            label: el.getAttribute("aria-label") || "", text: (el.innerText || "").trim(),
            href: el.getAttribute("href") || "",
            ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2};
}"""
STATUS = '[role="status"][aria-live="polite"]'
# The region shape focused inside the map frame, if any: its name, outline width and tooltip.
SHAPE_FOCUS_JS = """(sel) => {
    const frame = document.querySelector(sel);
    if (!frame || document.activeElement !== frame) return null;
    const inner = frame.contentDocument.activeElement;
    if (!inner || inner.tagName.toLowerCase() !== "path") return null;
    const tips = [...frame.contentDocument.querySelectorAll(".leaflet-tooltip:not(.atlas-city)")]
        .filter((tip) => tip.style.opacity !== "0");  // a closed tooltip fades out
    return {label: inner.getAttribute("aria-label"), width: inner.getAttribute("stroke-width"),
            tips: tips.map((tip) => tip.innerText.split("\\n")[0])};
}"""
# Tab presses from the top of the Atlas to the Year slider: the skip link, the navigation and
# sidebar, the heading and view buttons, the map (its frame, one region shape, zoom, full
# screen, attribution link); the forty region shapes were as many stops before.
MAX_TABS_TO_YEAR = 25


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(data_dir())


def tab_to(page, wanted, limit: int = MAX_TABS) -> dict:
    """Press Tab until ``wanted(focused)`` holds; the element reached must show a focus ring."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused and wanted(focused):
            assert focused["ring"], f"no visible focus on {focused}"
            return focused
        seen.append(focused and (focused["tag"], focused["label"] or focused["text"][:30]))
    raise AssertionError(f"not reached with {limit} Tab presses; focus went through {seen}")


def wait_status(page, start: str) -> None:
    page.wait_for_function("([sel, start]) => document.querySelector(sel)?.textContent"
                           ".startsWith(start)", arg=[STATUS, start], timeout=30_000)


def heading(page) -> str:
    return page.locator("h1").first.inner_text().strip()


def test_choose_a_date_and_a_region_and_read_the_panel(page, app_url: str, atlas) -> None:
    start = date(1921, 10, 13)
    page.goto(f"{app_url}/?date={start.isoformat()}")
    wait_for_units(page, len(atlas.state_at(start).units))
    status = page.locator(STATUS)
    status.wait_for(state="attached", timeout=30_000)
    page.evaluate(f"document.querySelector('{STATUS}').__kept = 1")

    tab_to(page, lambda f: f["label"] == "Year")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('h1').innerText.includes('1922')",
                           timeout=30_000)  # fmt: skip
    assert heading(page) == "13 October 1922"
    wait_status(page, "13 October 1922: no region chosen.")

    tab_to(page, lambda f: f["tag"] == "input" and f["label"] == "Region")
    page.keyboard.type("Kars")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"region=kars\b"), timeout=30_000)
    period = atlas.state_at(date(1922, 10, 13)).units["kars"].period
    holder = atlas.holder_name(period.holder, period.within)
    panel = page.locator('[data-testid="stMarkdownContainer"]', has_text="Held by:").first
    panel.wait_for(timeout=30_000)
    assert holder in panel.inner_text()
    wait_status(page, "Kars, 13 October 1922: held by")
    assert holder in status.inner_text()
    # The live region is the same node as before, so screen readers announce the new text.
    assert page.evaluate(f"document.querySelector('{STATUS}').__kept") == 1
    assert page.outside_requests == [] and page.js_errors == []


def test_the_map_is_one_tab_stop_and_arrows_move_between_regions(page, app_url: str,
                                                                  atlas) -> None:
    start = date(1921, 10, 13)
    page.goto(f"{app_url}/?date={start.isoformat()}")
    wait_for_units(page, len(atlas.state_at(start).units))
    shapes, presses = [], 0
    while (page.evaluate(FOCUSED_JS) or {}).get("label") != "Year" and presses < MAX_TABS:
        page.keyboard.press("Tab")
        presses += 1
        if shape := page.evaluate(SHAPE_FOCUS_JS, IFRAME):
            shapes.append(shape["label"])
    assert presses <= MAX_TABS_TO_YEAR, f"{presses} Tab presses to the Year slider"
    assert len(shapes) == 1, shapes

    for _ in range(8):  # back into the map, to its one region stop
        page.keyboard.press("Shift+Tab")
        if page.evaluate(SHAPE_FOCUS_JS, IFRAME):
            break
    first = page.evaluate(SHAPE_FOCUS_JS, IFRAME)
    assert first and first["label"] == shapes[0]
    assert first["width"] == "3", "the focused region is outlined"
    seen = [first["label"]]
    for key in ("ArrowRight", "ArrowRight", "End", "Home"):
        page.keyboard.press(key)
        page.wait_for_function(f"(sel) => ({SHAPE_FOCUS_JS})(sel)?.label !== {seen[-1]!r}",
                               arg=IFRAME, timeout=10_000)
        now = page.evaluate(SHAPE_FOCUS_JS, IFRAME)
        assert now["width"] == "3"
        assert len(now["tips"]) == 1 and now["label"].startswith(now["tips"][0] + ", "), (
            "its tooltip opens with the focus", now)
        seen.append(now["label"])
    assert len(set(seen[:3])) == 3 and seen[4] != seen[3]
    page.keyboard.press("Tab")  # leaves the regions at once, for the map's own controls
    assert not page.evaluate(SHAPE_FOCUS_JS, IFRAME)
    assert page.js_errors == []


def test_follow_a_treatys_show_on_map_link(page, app_url: str, atlas) -> None:
    doc = atlas.documents["treaty-of-kars-1921"]
    article = next(a for a in doc.articles if a.show_on_map)
    page.goto(f"{app_url}/treaties?doc={doc.id}")
    page.locator("h1").first.wait_for(timeout=30_000)
    tab_to(page, lambda f: f["tag"] == "a" and f["text"].endswith(f"Show on map "
                                                                  f"({article.show_on_map})"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"date={article.show_on_map.isoformat()}"), timeout=30_000)
    day = article.show_on_map
    page.wait_for_function(f"() => document.querySelector('h1')?.innerText.trim() === "
                           f"'{day.day} {day:%B} {day.year}'", timeout=30_000)  # fmt: skip
    # Several articles may open the same day; the panel must name the region of the link followed.
    region = re.search(r"region=([a-z-]+)", page.url).group(1)
    linked = {a.regions[0] for a in doc.articles if a.regions and a.show_on_map == day}
    assert region in linked
    assert page.locator(STATUS).inner_text().startswith(f"{atlas.units[region].name_en}, ")
    assert page.outside_requests == []


def test_open_the_atlas_from_the_timelines_text_list(page, app_url: str, atlas) -> None:
    event = next(e for e in atlas.events if e.units and e.date.year == 1921)
    day = event.date
    label = f"Atlas on {day.day} {day:%B} {day.year}"
    page.goto(f"{app_url}/timeline")
    page.locator(".st-key-timeline_list table").wait_for(timeout=30_000)
    tab_to(page, lambda f: f["tag"] == "a" and f["text"] == label, limit=200)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"date={day.isoformat()}"), timeout=30_000)
    page.wait_for_function(f"() => document.querySelector('h1')?.innerText.trim() === "
                           f"'{day.day} {day:%B} {day.year}'", timeout=30_000)  # fmt: skip
    assert page.outside_requests == []


def test_step_through_a_tour_with_keys(page, app_url: str) -> None:
    scenes = tours.load_tours()[TOUR].scenes
    page.goto(f"{app_url}/tour?tour={TOUR}&scene=1")
    page.locator(".tour-date").wait_for(timeout=30_000)
    tab_to(page, lambda f: f["tag"] == "button" and f["text"].startswith("Next"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"scene=2\b"), timeout=30_000)
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"scene=3\b"), timeout=30_000)
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"scene=2\b"), timeout=30_000)
    day = scenes[1].date
    page.locator(".tour-date", has_text=f"{day.day} {day:%B} {day.year}").wait_for(
        timeout=30_000)
    assert page.outside_requests == []
