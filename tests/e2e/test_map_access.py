"""The map's accessible names, in real headless Chromium: every region drawn on the map
carries one (its name and holder)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.engine.timeline import Atlas
from tests.e2e.atlas_map import IFRAME, data_dir, wait_for_units

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
