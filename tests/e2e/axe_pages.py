"""axe-core on every page of the app: shared by ``test_a11y.py`` and ``bench/axe_report.py``.

axe-core comes inside the ``axe-playwright-python`` wheel (``axe.min.js``), so nothing is fetched
when it runs. A Streamlit page is ready for checking only once its script run has finished and
its slow parts (the Leaflet map, the charts, the small maps) are on screen; ``open_page`` waits
for the part each page is known by before axe looks at it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
SERIOUS = ("serious", "critical")
TOUR = "kars-ardahan-artvin"


# True once every Leaflet map on the page has painted its unit shapes.
MAPS_JS = """sel => { const frames = [...document.querySelectorAll(sel)];
    return frames.length > 0 && frames.every(f => {
        const w = f.contentWindow; if (!w || !w.map) return false;
        let k = 0; w.map.eachLayer(l => { if (l._path && l._path.isConnected) k++; });
        return k > 10; }); }"""


@dataclass(frozen=True)
class AppPage:
    name: str
    path: str
    ready: str  # a selector that is only on screen once the page's slow part has drawn
    maps: bool = False  # also wait for the Leaflet map(s) to paint


PAGES = [
    AppPage("Atlas", "/?date=1921-10-13&region=kars", "h1", maps=True),
    AppPage("Timeline", "/timeline", "[data-testid='stVegaLiteChart'] canvas, "
            "[data-testid='stVegaLiteChart'] svg"),
    AppPage("Regions", "/regions?region=kars", "[data-testid='stImage'] img"),
    AppPage("Treaties", "/treaties?doc=treaty-of-kars-1921", "h1"),
    AppPage("Compare", "/compare?a=1914-06-01&b=1922-01-01", "[data-testid='stMain'] li",
            maps=True),
    AppPage("Tours", "/tours", "[data-testid='stImage'] img"),
    AppPage("Tour", f"/tour?tour={TOUR}&scene=1", ".tour-date", maps=True),
    AppPage("Sources", "/sources", "h1"),
]



def in_language(app_page: AppPage, code: str) -> AppPage:
    """The same page in interface language ``code`` (unchanged for "" or English)."""
    if code in ("", "en"):
        return app_page
    joint = "&" if "?" in app_page.path else "?"
    return replace(app_page, path=f"{app_page.path}{joint}lang={code}")


STYLED_JS = """() => [...document.querySelectorAll("style")]
    .some((s) => s.textContent.includes(".atlas-sr-only"))"""
# Resolves once Streamlit has shown no "running" indicator for half a second.
IDLE_JS = """() => new Promise((resolve) => {
    let quiet = 0;
    const tick = () => {
        const busy = document.querySelector('[data-testid="stStatusWidget"]');
        quiet = busy ? 0 : quiet + 1;
        if (quiet >= 5) { resolve(true); } else { setTimeout(tick, 100); }
    };
    tick();
})"""


def open_page(tab, base_url: str, app_page: AppPage, timeout: float = 60_000) -> None:
    """Go to the page and wait until its slow part is drawn and Streamlit is idle.

    The app's own style sheet (static/app/css/app.css) arrives as a Streamlit element of its
    own; axe must judge the page once it is styled, not in the moment before.
    """
    tab.goto(base_url + app_page.path)
    tab.locator(app_page.ready).first.wait_for(state="visible", timeout=timeout)
    if app_page.maps:
        tab.wait_for_function(MAPS_JS, arg=IFRAME, polling=200, timeout=timeout)
    tab.wait_for_function(STYLED_JS, polling=100, timeout=timeout)
    tab.evaluate(IDLE_JS)


def run_axe(tab) -> list[dict]:
    """Every axe violation on the page as it stands (the top document)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(tab).response["violations"]


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in SERIOUS]


def node_counts(violations: list[dict]) -> Counter:
    """Nodes per ``rule (impact)``: the figure the issue reports per page."""
    return Counter({f"{v['id']} ({v['impact']})": len(v["nodes"]) for v in violations})


def describe(violations: list[dict]) -> str:
    """One line per failing node: rule, impact, target selector and the start of its HTML."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"{v['id']} ({v['impact']}): {target} :: {node['html'][:160]}")
    return "\n".join(lines)
