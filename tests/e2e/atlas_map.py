"""Reading and driving the Leaflet map inside streamlit-folium's iframe (same-origin).

Shared by the browser tests and ``bench/atlas_bench.py``. Unit layers are recognised by the
``render`` property the atlas puts on every unit feature; ``window.map`` is the Leaflet map that
streamlit-folium exposes in its iframe.
"""

from __future__ import annotations

import os
from pathlib import Path

from app_pages import routes

ROOT = Path(__file__).resolve().parents[2]

IFRAME = 'iframe[title="streamlit_folium.st_folium"]'

UNIT_FILLS_JS = """(sel) => {
    const frame = document.querySelector(sel);
    const w = frame && frame.contentWindow;
    if (!w || !w.map) return null;
    const fills = {};
    w.map.eachLayer((layer) => {
        const props = layer.feature && layer.feature.properties;
        if (props && props.render !== undefined && layer._path && layer._path.isConnected) {
            fills[layer.feature.id] = layer._path.getAttribute("fill");
        }
    });
    return fills;
}"""

WAIT_FILL_JS = """([sel, unit, expected, previous]) => {
    const fills = (UNIT_FILLS)(sel);
    if (!fills || !(unit in fills)) return false;
    if (expected !== null) return fills[unit] === expected;
    return fills[unit] !== previous;
}""".replace("UNIT_FILLS", UNIT_FILLS_JS)

WAIT_UNITS_JS = """([sel, n]) => {
    const fills = (UNIT_FILLS)(sel);
    return !!fills && Object.keys(fills).length >= n;
}""".replace("UNIT_FILLS", UNIT_FILLS_JS)

CLICK_POINT_JS = """([sel, lat, lng]) => {
    const frame = document.querySelector(sel), w = frame.contentWindow;
    const p = w.map.latLngToContainerPoint([lat, lng]);
    const a = w.map.getContainer().getBoundingClientRect();
    const b = frame.getBoundingClientRect();
    return [b.left + a.left + p.x, b.top + a.top + p.y];
}"""

SETTLED_JS = """(sel) => new Promise((resolve) => {
    let last = null, same = 0;
    function check() {
        const top = document.querySelector(sel).getBoundingClientRect().top;
        same = top === last ? same + 1 : 0;
        last = top;
        if (same >= 5) { resolve(top); } else { requestAnimationFrame(check); }
    }
    requestAnimationFrame(check);
})"""


def data_dir() -> Path:
    """The data folder the server under test reads (same rule as ``app_pages.common``)."""
    from geo.paths import DATA

    override = os.environ.get("BORDERLANDS_DATA")
    return Path(override) if override else DATA


def unit_fills(page) -> dict[str, str] | None:
    return page.evaluate(UNIT_FILLS_JS, IFRAME)


def wait_for_units(page, count: int, timeout: float = 30_000) -> None:
    page.wait_for_function(WAIT_UNITS_JS, arg=[IFRAME, count], polling="raf", timeout=timeout)


def wait_for_fill(page, unit: str, expected: str | None = None, previous: str | None = None,
                  timeout: float = 30_000) -> None:
    """Wait until ``unit`` is painted with ``expected`` (or with anything but ``previous``)."""
    page.wait_for_function(WAIT_FILL_JS, arg=[IFRAME, unit, expected, previous],
                           polling="raf", timeout=timeout)


def click_latlng(page, lat: float, lng: float) -> None:
    """Click the map at a geographic point (an interior point, not a path's bbox centre).

    Streamlit's main area scrolls smoothly, so the map is first scrolled into view and the
    point is computed only once the iframe has stopped moving.
    """
    page.locator(IFRAME).scroll_into_view_if_needed()
    page.evaluate(SETTLED_JS, IFRAME)
    x, y = page.evaluate(CLICK_POINT_JS, [IFRAME, lat, lng])
    page.mouse.click(x, y)


def registered_pages() -> list[tuple[str, str, str, bool]]:
    """``app_pages.routes.PAGES`` as (file, title, url path, listed); importing the routes, unlike
    app.py, starts no Streamlit run."""
    return [(route.file, route.title, route.url_path, route.listed) for route in routes.PAGES]
