"""Every page on a phone (390×844, Chromium in phone emulation): nothing wider than the screen,
and the page's key controls on the first screen without scrolling.

The phone's own user agent is sent, as a real phone does: the tour view fits its scene to the
phone's map from it. The Atlas must offer its date controls before the map, Compare must put its
two maps under each other, and the tour must show the whole scene, the date and Next at once.
"""

from __future__ import annotations

import pytest

from geo.records import tours
from tests.e2e.axe_pages import IFRAME, PAGES, TOUR, open_page
from tests.e2e.conftest import guarded_tab, is_local

pytestmark = pytest.mark.e2e

# A 390×844 phone (the size of many current phones) with touch and a phone's user agent.
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like "
                  "Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
}
# What a reader must find on the first screen of each page.
KEY_CONTROLS = {
    "Atlas": ["h1", "input[aria-label='Year']", ".st-key-atlas_time button:has-text('Next change')",
              ".st-key-atlas_time input[type='date']"],
    "Timeline": ["h1", "[data-testid='stMultiSelect']", "[data-testid='stVegaLiteChart']"],
    "Regions": ["h1", "[data-testid='stSelectbox']"],
    "Treaties": ["h1", "[data-testid='stMain'] a"],
    "Compare": ["h1", "[data-testid='stDateInput']"],
    "Tours": ["h1", "[class*='st-key-tour_card_'] h2"],
    "Tour": [".tour-date", ".st-key-tour_next button", ".st-key-tour_prev button", IFRAME],
    "Sources": ["h1"],
}
OVERFLOW_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return {page: document.documentElement.scrollWidth - window.innerWidth,
            main: main.scrollWidth - main.clientWidth};
}"""
VIEW_JS = """(sel) => {
    const frame = document.querySelector(sel);
    const b = frame.contentWindow.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
}"""


@pytest.fixture
def phone(browser):
    tab = guarded_tab(browser, is_local, **PHONE)
    yield tab
    tab.context.close()


def first_screen(tab, selector: str) -> dict:
    box = tab.locator(selector).filter(visible=True).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    height = tab.viewport_size["height"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, (selector, box)
    return box


@pytest.mark.parametrize("app_page", PAGES, ids=[p.name for p in PAGES])
def test_page_fits_a_phone_with_its_key_controls_in_view(phone, app_url: str, app_page) -> None:
    open_page(phone, app_url, app_page)
    assert phone.viewport_size["width"] == 390
    overflow = phone.evaluate(OVERFLOW_JS)
    assert overflow == {"page": 0, "main": 0}, f"{app_page.name} is wider than the phone"
    for selector in KEY_CONTROLS[app_page.name]:
        first_screen(phone, selector)
    assert phone.outside_requests == []


def test_atlas_date_controls_come_before_the_map_and_the_panel_after(phone, app_url) -> None:
    open_page(phone, app_url, next(p for p in PAGES if p.name == "Atlas"))
    controls = phone.locator(".st-key-atlas_time").bounding_box()
    map_box = phone.locator(IFRAME).bounding_box()
    panel = phone.locator(".st-key-region_panel").bounding_box()
    assert controls["y"] + controls["height"] <= map_box["y"]
    assert map_box["y"] + map_box["height"] <= panel["y"]


def test_compare_stacks_its_maps(phone, app_url) -> None:
    open_page(phone, app_url, next(p for p in PAGES if p.name == "Compare"))
    first, second = (phone.locator(IFRAME).nth(i).bounding_box() for i in range(2))
    assert first["width"] <= 390 and second["width"] <= 390
    assert second["y"] >= first["y"] + first["height"]


def test_tour_view_fits_its_scene_to_the_phone(phone, app_url) -> None:
    scene = tours.load_tours()[TOUR].scenes[0]
    open_page(phone, app_url, next(p for p in PAGES if p.name == "Tour"))
    west, south, east, north = phone.evaluate(VIEW_JS, IFRAME)
    s_west, s_south, s_east, s_north = scene.bounds
    assert west <= s_west and east >= s_east and south <= s_south and north >= s_north, (
        (west, south, east, north), scene.bounds)
