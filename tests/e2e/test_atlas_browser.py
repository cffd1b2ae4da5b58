"""The Atlas in real headless Chromium, with every non-local request blocked and counted."""

from __future__ import annotations

from datetime import date

import pytest

from geo.mapview import holder_colour
from geo.timeline import Atlas
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
    click_latlng(page, 42.8, 34.0)  # the Black Sea north of Sinop
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
