"""Seminar features in a real Chromium: clicker keys in a tour, the compare list, offline export.

Uses the shared server and browser fixtures of ``conftest.py``. The exported slideshow is opened
from disk in a context that aborts every request that is not a local file, so a single remote
script or stylesheet would leave the map blank and fail the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.engine.timeline import Atlas
from geo.records import tours
from tests.e2e.axe_pages import IDLE_JS
from tests.e2e.conftest import guarded_tab

pytestmark = pytest.mark.e2e

FOLIUM = 'iframe[title="streamlit_folium.st_folium"]'
TOUR = "kars-ardahan-artvin"


def wait_map_paths(page, minimum: int = 10) -> None:
    """Wait until the st_folium iframe's Leaflet map has painted unit polygons."""
    page.wait_for_function(
        """([sel, n]) => {
            const w = document.querySelector(sel)?.contentWindow;
            if (!w || !w.map) return false;
            let k = 0;
            w.map.eachLayer(l => {
                if (l.feature?.properties?.holder && l._path?.isConnected) k++; });
            return k >= n; }""",
        arg=[FOLIUM, minimum],
        polling="raf",
        timeout=45000,
    )


def test_clicker_keys_step_through_a_tour(page, app_url: str) -> None:
    scenes = tours.load_tours()[TOUR].scenes
    page.goto(f"{app_url}/tour?tour={TOUR}&scene=1")
    wait_map_paths(page)
    page.evaluate(f"document.querySelector('{FOLIUM}').contentWindow.__kept = 1")
    for n, key in ((2, "ArrowRight"), (3, "PageDown"), (4, "Space")):  # every clicker's keys
        page.keyboard.press(key)
        page.wait_for_url(re.compile(rf"scene={n}\b"), timeout=30000)
    day = scenes[3].date
    page.get_by_text(f"{day.day} {day:%B} {day.year}", exact=True).wait_for(timeout=30000)
    assert page.evaluate(f"document.querySelector('{FOLIUM}').contentWindow.__kept") == 1
    page.keyboard.press("PageUp")
    page.wait_for_url(re.compile(r"scene=3\b"), timeout=30000)
    assert page.outside_requests == []
    assert page.js_errors == []


def test_tour_scene_fits_a_1280x720_projector_without_scrolling(page, app_url: str) -> None:
    scene = tours.load_tours()["straits-sevres-montreux-1946"].scenes[1]  # longest caption
    page.goto(f"{app_url}/tour?tour=straits-sevres-montreux-1946&scene=2")
    wait_map_paths(page)
    height = page.viewport_size["height"]
    shown = {
        "date": page.locator(".tour-date"),
        "caption": page.locator(".tour-caption"),
        "question": page.locator(".tour-question"),
        "document": page.locator(".st-key-tour_document a"),
        "next": page.locator(".st-key-tour_next button"),
        "map": page.locator(FOLIUM),
    }
    for name, locator in shown.items():
        box = locator.bounding_box()
        assert box is not None, name
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (name, box)
    assert page.locator(".tour-date").inner_text() == "10 August 1920"
    assert scene.caption[:30] in page.locator(".tour-caption").inner_text()
    assert page.evaluate("window.scrollY") == 0


def test_compare_lists_kars_with_its_area_and_maps_move_together(page, app_url: str) -> None:
    area = Atlas.load().units["kars"].area_km2
    page.goto(f"{app_url}/compare?a=1914-06-01&b=1922-01-01")
    line = page.locator("li", has_text=re.compile(r"^Kars:")).first
    line.wait_for(timeout=45000)
    shown = float(re.search(r"([\d,]+) km²", line.inner_text()).group(1).replace(",", ""))
    assert shown == pytest.approx(area, rel=0.1)
    page.wait_for_function(
        """sel => { const frames = [...document.querySelectorAll(sel)];
            return frames.length === 2 && frames.every(f => {
                const w = f.contentWindow; if (!w || !w.map) return false;
                let k = 0; w.map.eachLayer(l => { if (l._path?.isConnected) k++; });
                return k > 10; }); }""",
        arg=FOLIUM,
        polling="raf",
        timeout=45000,
    )
    page.wait_for_function(  # the sync script links maps on a short timer
        "sel => [...document.querySelectorAll(sel)].every(f => f.contentWindow.map.__atlasSynced)",
        arg=FOLIUM,
        timeout=10000,
    )
    page.evaluate(f"document.querySelectorAll('{FOLIUM}')[0].contentWindow.map"
                  ".setView([41.0, 43.0], 8, {animate: false})")  # fmt: skip
    page.wait_for_function(
        """sel => { const m = document.querySelectorAll(sel)[1].contentWindow.map;
            const c = m.getCenter(); return m.getZoom() === 8 &&
                Math.abs(c.lat - 41) < 0.01 && Math.abs(c.lng - 43) < 0.01; }""",
        arg=FOLIUM,
        timeout=10000,
    )
    assert page.outside_requests == []


def test_exported_slideshow_opens_offline_from_disk(page, app_url: str, browser,
                                                     tmp_path: Path) -> None:  # fmt: skip
    page.goto(f"{app_url}/tour?tour={TOUR}&scene=1")
    wait_map_paths(page)
    page.evaluate(IDLE_JS)  # a click while the page still reruns can be lost with the old button
    with page.expect_download(timeout=90000) as info:
        page.get_by_role("button", name="Whole tour as offline slideshow").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == f"borderlands-atlas_tour_{TOUR}.html"

    offline = guarded_tab(browser, lambda url: url.startswith(("file:", "data:", "blob:")))
    offline.goto(saved.as_uri())
    offline.wait_for_function(
        "() => document.querySelectorAll('path.leaflet-interactive').length > 10", timeout=20000
    )
    offline.keyboard.press("ArrowRight")
    offline.wait_for_function("() => location.hash === '#2'", timeout=5000)
    assert offline.locator("#frame-counter").inner_text().startswith("2 /")
    offline.context.close()
    assert offline.outside_requests == [] and offline.js_errors == []
