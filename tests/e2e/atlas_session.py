"""What one Atlas session shows, read in one go, and what it should show on a given date.

Shared by ``tests/e2e/test_replicas.py`` and ``bench/load_bench.py``: a session *agrees* when
the slider, the page heading, the address bar, the map's Kars fill and the region panel all
name the same date. Opened with ``?region=kars`` so that the panel has a holder to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from geo.engine.timeline import Atlas
from geo.web import mapview
from tests.e2e.atlas_map import IFRAME, UNIT_FILLS_JS

REGION = "kars"
START = date(1914, 5, 1)

READ_JS = """(sel) => {
    const slider = document.querySelector('input[type="range"], [role="slider"]');
    const h1 = document.querySelector("h1");
    const heading = h1 && (h1.querySelector("[data-heading-text]") || h1);
    const panel = [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
        .map((block) => block.innerText).find((text) => text.includes("Held by:"));
    const fills = (UNIT_FILLS)(sel);
    return {
        slider: slider ? slider.value ?? slider.getAttribute("aria-valuenow") : null,
        heading: heading ? heading.innerText.trim() : null,
        search: location.search,
        panel: panel || "",
        fill: fills ? fills["REGION"] || null : null,
    };
}""".replace("UNIT_FILLS", UNIT_FILLS_JS).replace("REGION", REGION)


@dataclass(frozen=True)
class Expected:
    """The five things a session must show on ``day`` (``fill`` "pattern": any hatching)."""

    day: date
    slider: str
    heading: str
    holder: str
    fill: str


def expected(atlas: Atlas, day: date) -> Expected:
    state = atlas.state_at(day)
    period = state.units[REGION].period
    described = mapview.StateLayers(atlas, "").describe(state)
    style = described["styles"][described["units"][REGION]["style"]]
    return Expected(
        day=day,
        slider=str(day.year),
        heading=f"{day.day} {day:%B} {day.year}",
        holder=atlas.holder_name(period.holder, period.within),
        fill="pattern" if style["pattern"] else style["fillColor"],
    )


def start_url(base: str) -> str:
    return f"{base}/?date={START.isoformat()}&region={REGION}"


def read(page) -> dict:
    return page.evaluate(READ_JS, IFRAME)


def disagreements(shown: dict, want: Expected) -> list[str]:
    """Which of slider, heading, URL, map and panel do not show ``want`` (empty: agrees)."""
    checks = {
        "slider": shown["slider"] == want.slider,
        "heading": shown["heading"] == want.heading,
        "url": f"date={want.day.isoformat()}" in shown["search"],
        "map": (shown["fill"] or "").startswith("url(") if want.fill == "pattern"
        else shown["fill"] == want.fill,
        "panel": f"Held by: {want.holder}" in shown["panel"],
    }
    return [name for name, ok in checks.items() if not ok]
