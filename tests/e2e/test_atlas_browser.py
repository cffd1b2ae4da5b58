"""The Atlas in real headless Chromium, with every non-local request blocked and counted."""

from __future__ import annotations

import re
from datetime import date

import pytest

from geo.engine.timeline import Atlas
from geo.web.mapview import holder_colour
from tests.e2e.atlas_map import (
    IFRAME,
    ROOT,
    click_latlng,
    data_dir,
    registered_pages,
    wait_for_fill,
    wait_for_units,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(data_dir())


def expected_fill(atlas: Atlas, unit: str, day: date) -> str:
    period = atlas.state_at(day).units[unit].period
    return holder_colour(period.holder, atlas.holders)


def test_map_paints_polygons_offline(page, app_url, atlas) -> None:
    page.goto(app_url + "/?date=1914-05-01")
    wait_for_units(page, len(atlas.state_at(date(1914, 5, 1)).units))
    assert page.outside_requests == []
    assert page.js_errors == []


def test_slider_from_1914_to_1925_repaints_kars(page, app_url, atlas) -> None:
    page.goto(app_url + "/?date=1914-05-01")
    before = expected_fill(atlas, "kars", date(1914, 5, 1))
    after = expected_fill(atlas, "kars", date(1925, 5, 1))
    assert before != after
    wait_for_fill(page, "kars", expected=before)
    page.evaluate("(sel) => { document.querySelector(sel).contentWindow.__kept = 1; }", IFRAME)
    slider = page.get_by_role("slider")
    slider.focus()
    for year in range(1915, 1926):  # one key at a time, as a keyboard user would
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => location.search.includes('date={year}-05-01')",
                               timeout=15_000)
        # The next key waits for the page to settle on this year (fast keys are a known issue).
        page.wait_for_function(f"() => document.querySelector('h1')?.innerText.trim()"
                               f" === '1 May {year}'", timeout=15_000)
    wait_for_fill(page, "kars", expected=after)
    kept = page.evaluate("(sel) => document.querySelector(sel).contentWindow.__kept === 1", IFRAME)
    assert kept, "the map iframe was remounted (zoom and pan would be lost)"
    assert page.outside_requests == []


def test_clicking_batumi_in_june_1919_shows_the_british_occupation(page, app_url, atlas) -> None:
    day = date(1919, 6, 1)
    period = atlas.state_at(day).units["batumi"].period
    assert period.holder == "united-kingdom" and period.status == "occupied"
    page.goto(app_url + "/?date=1919-06-01")
    wait_for_units(page, len(atlas.state_at(day).units))
    lon, lat = atlas.units["batumi"].label
    click_latlng(page, lat, lon)
    page.wait_for_function("() => location.search.includes('region=batumi')", timeout=15_000)
    panel = page.get_by_text(atlas.holder_name(period.holder, period.within), exact=False)
    panel.first.wait_for(timeout=15_000)
    page.get_by_text("occupied", exact=False).first.wait_for(timeout=5_000)
    assert page.outside_requests == []


def test_clicking_the_sea_clears_the_selection(page, app_url, atlas) -> None:
    page.goto(app_url + "/?date=1946-01-01&region=kars")
    wait_for_units(page, len(atlas.state_at(date(1946, 1, 1)).units))
    click_latlng(page, 41.9, 41.45)  # the Black Sea off Kobuleti, inside the opening view
    page.wait_for_function("() => !location.search.includes('region=')", timeout=15_000)
    assert page.outside_requests == []


def test_phone_layout_puts_the_panel_below_the_map(browser, app_url, atlas) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    outside: list[str] = []
    context.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
                  if "127.0.0.1" not in route.request.url else route.continue_())
    page = context.new_page()
    try:
        page.goto(app_url + "/?date=1921-10-13")
        wait_for_units(page, len(atlas.state_at(date(1921, 10, 13)).units))
        map_box = page.locator(IFRAME).bounding_box()
        region_box = page.get_by_text("Region", exact=True).first.bounding_box()
        assert map_box and region_box
        assert map_box["width"] <= 390
        assert region_box["y"] > map_box["y"] + map_box["height"] - 1
        assert outside == []
    finally:
        context.close()


def test_every_page_opens_on_a_fresh_server(page, start_server) -> None:
    url = start_server()
    paths = [path for file, _, path, _ in registered_pages()
             if path != "atlas" and (ROOT / "app_pages" / file).is_file()]
    assert paths, "no page besides the Atlas exists yet"
    for path in paths:
        page.goto(f"{url}/{path}")
        page.get_by_test_id("stSidebarNav").wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        assert page.get_by_text("Page not found").count() == 0, path
        assert page.get_by_test_id("stException").count() == 0, path
    assert page.outside_requests == []


MAP_VIEW_JS = """(sel) => {
    const w = document.querySelector(sel).contentWindow;
    const b = w.map.getBounds(), c = w.map.getCenter();
    return {south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast(),
            lat: c.lat, lng: c.lng, zoom: w.map.getZoom()};
}"""

LABEL_BOXES_JS = """(sel) => {
    const doc = document.querySelector(sel).contentDocument;
    const boxes = (css) => [...doc.querySelectorAll(css)]
        .filter((el) => el.offsetParent !== null)
        .map((el) => { const r = el.getBoundingClientRect();
                       return [el.textContent, r.left, r.top, r.right, r.bottom]; });
    return {regions: boxes(".atlas-label"), cities: boxes(".atlas-city")};
}"""


def map_view(page) -> dict:
    return page.evaluate(MAP_VIEW_JS, IFRAME)


def test_projector_view_frames_the_frontier_with_readable_labels(page, app_url, atlas) -> None:
    page.goto(app_url + "/?date=1921-10-13")
    wait_for_units(page, len(atlas.state_at(date(1921, 10, 13)).units))
    view = map_view(page)
    for unit in ("batumi", "kars", "nakhchivan"):
        lon, lat = atlas.units[unit].label
        assert view["south"] < lat < view["north"] and view["west"] < lon < view["east"], unit
    assert view["east"] - view["west"] < 10, "opened on the whole box, not the frontier"
    page.wait_for_timeout(300)
    labels = page.evaluate(LABEL_BOXES_JS, IFRAME)
    assert len(labels["regions"]) == len([u for u in atlas.units.values() if u.kind == "focus"])
    assert labels["cities"] == [], "city names at the opening zoom collide with region names"
    boxes = labels["regions"]
    for i, (name_a, *a) in enumerate(boxes):
        for name_b, *b in boxes[i + 1:]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"labels {name_a} and {name_b} overlap"
    # 1280x720: the date, the whole map and the region chooser without scrolling.
    heading = page.get_by_role("heading", name="13 October 1921").bounding_box()
    map_box = page.locator(IFRAME).bounding_box()
    region_box = page.get_by_text("Region", exact=True).first.bounding_box()
    assert heading and map_box and region_box
    assert heading["y"] >= 0 and map_box["y"] + map_box["height"] <= 720
    assert region_box["y"] + region_box["height"] <= 720
    assert map_box["height"] >= 560
    assert page.outside_requests == [] and page.js_errors == []


def test_view_buttons_move_the_map_and_a_date_change_keeps_the_view(page, app_url,
                                                                    atlas) -> None:
    page.goto(app_url + "/?date=1935-05-01")
    wait_for_units(page, len(atlas.state_at(date(1935, 5, 1)).units))
    page.evaluate("(sel) => { document.querySelector(sel).contentWindow.__kept = 1; }", IFRAME)
    page.get_by_role("button", name="Straits").click()
    page.wait_for_function(f"(sel) => ({MAP_VIEW_JS})(sel).lng < 30", arg=IFRAME,
                           timeout=15_000)
    straits = map_view(page)
    page.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('date=1936-05-01')", timeout=15_000)
    wait_for_fill(page, "straits-gallipoli",
                  expected=expected_fill(atlas, "straits-gallipoli", date(1936, 5, 1)))
    page.wait_for_timeout(500)
    assert map_view(page) == straits, "a date change moved the map"
    page.evaluate("(sel) => document.querySelector(sel).contentWindow.map.panBy([200, 0])",
                  IFRAME)
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Straits").click()  # same button again: frames again
    page.wait_for_function(
        f"([sel, lng]) => Math.abs(({MAP_VIEW_JS})(sel).lng - lng) < 0.01",
        arg=[IFRAME, straits["lng"]], timeout=15_000)
    page.get_by_role("button", name="Caucasus frontier").click()
    page.wait_for_function(f"(sel) => ({MAP_VIEW_JS})(sel).lng > 40", arg=IFRAME,
                           timeout=15_000)
    kept = page.evaluate("(sel) => document.querySelector(sel).contentWindow.__kept === 1", IFRAME)
    assert kept, "a view button remounted the map"
    assert page.outside_requests == [] and page.js_errors == []


def test_fullscreen_control_works_offline(page, app_url, atlas) -> None:
    page.goto(app_url + "/?date=1921-10-13")
    wait_for_units(page, len(atlas.state_at(date(1921, 10, 13)).units))
    frame = page.frame_locator(IFRAME)
    control = frame.locator(".leaflet-control-zoom-fullscreen")
    control.wait_for(timeout=10_000)
    control.click()
    page.wait_for_function(
        "(sel) => { const w = document.querySelector(sel).contentWindow;"
        " return w.map._isFullscreen === true && !!w.document.fullscreenElement; }",
        arg=IFRAME, timeout=10_000)
    assert page.outside_requests == [] and page.js_errors == []


def test_a_year_step_is_shown_before_the_server_answers(page, app_url, atlas) -> None:
    """Map, heading, slider and address bar show the new year from the browser alone."""
    before, after = date(1917, 5, 1), date(1918, 5, 1)
    assert expected_fill(atlas, "kars", before) != expected_fill(atlas, "kars", after)
    held = {"back": False}

    def relay(socket) -> None:
        server = socket.connect_to_server()
        socket.on_message(lambda message: None if held["back"] else server.send(message))
        server.on_message(socket.send)

    page.route_web_socket(re.compile(r".*/_stcore/stream"), relay)
    page.goto(app_url + f"/?date={before.isoformat()}")
    wait_for_fill(page, "kars", expected=expected_fill(atlas, "kars", before))
    page.wait_for_timeout(1500)  # the timeline is fetched once the map is up
    held["back"] = True  # from now on the server never hears of the key press
    page.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")
    # Kars is occupied in May 1918 (a dot pattern), so any new fill is the browser's own.
    wait_for_fill(page, "kars", previous=expected_fill(atlas, "kars", before))
    assert page.locator("h1").first.inner_text().strip() == "1 May 1918"
    assert page.get_by_role("slider").get_attribute("aria-valuetext") == "1 May 1918"
    assert "date=1918-05-01" in page.url
    assert page.outside_requests == [] and page.js_errors == []
