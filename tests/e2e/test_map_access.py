"""The map's accessible names, in real headless Chromium: every region drawn on the map
carries one (its name and holder); tooltips, names and control titles follow ``?lang=``."""

from __future__ import annotations

from datetime import date

import pytest
from shapely.geometry import shape

from app_pages import i18n
from geo.engine.timeline import Atlas
from tests.e2e.atlas_map import CLICK_POINT_JS, IFRAME, SETTLED_JS, data_dir, wait_for_units

pytestmark = pytest.mark.e2e

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


def test_tooltip_names_and_controls_speak_turkish(page, app_url, atlas) -> None:
    """Hovering Kars on the Turkish Atlas shows the Turkish tooltip words and status."""
    tr = i18n.translations("tr").gettext
    state = atlas.state_at(date(1946, 1, 1))
    page.goto(app_url + "/?date=1946-01-01&lang=tr")
    wait_for_units(page, len(state.units))
    point = shape(atlas.geometries["kars"]).representative_point()
    page.locator(IFRAME).scroll_into_view_if_needed()
    page.evaluate(SETTLED_JS, IFRAME)
    x, y = page.evaluate(CLICK_POINT_JS, [IFRAME, point.y, point.x])
    page.mouse.move(x, y)
    frame = page.frame_locator(IFRAME)
    tooltip = frame.locator(".leaflet-tooltip").filter(has_text=tr("Held by") + ":")
    tooltip.wait_for(timeout=15_000)
    text = tooltip.inner_text()
    assert f"{tr('Status')}: {tr('sovereign')}" in text
    assert "Held by" not in text and "Status" not in text
    label = page.evaluate(SHAPE_NAMES_JS, IFRAME)["kars"][0]
    name = i18n.place(atlas.units["kars"], "tr")
    assert label.startswith(f"{name}, " + tr("held by {holder}").format(holder="")), label
    assert frame.locator(".leaflet-control-zoom-in").get_attribute("title") == tr("Zoom in")
    assert frame.locator(".leaflet-control-zoom-out").get_attribute("aria-label") == tr("Zoom out")
