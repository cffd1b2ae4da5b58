"""Benchmark of the Atlas map in headless Chromium: this implementation against a naive one.

Measures, for both variants on the same data:
  (a) slider step -> the new state painted (median and p95 over steps that change the map;
      in-page clock: key press to the end of the first animation frame showing every unit's
      new fill, i.e. that frame's style, layout and paint done; ``to_frame_ms`` is the start
      of that frame). The page watches every frame from before the key press, so the figure
      holds no Playwright round trips (polling armed only after ``press`` returned measured
      those, about 50 ms, rather than the page),
  (b) bytes received over the WebSocket per date change,
  (c) cold start: fresh server process -> first painted map (and navigation -> paint); with
      ``--warm`` the bench first waits for Streamlit's script health check, as
      ``scripts/serve.sh`` and ``scripts/run-app.sh`` do (``warm_up_s``), so navigation -> paint
      is what the first student sees on a freshly started, warmed server; ``--visits N`` opens
      N - 1 more new tabs (each its own browser context: empty cache, new session) after the
      stepping and reports their median navigation -> paint, what the class's later students see,
  (d) where a step's time goes, from in-page timestamps (one clock): key press -> first
      WebSocket message of the rerun, -> the largest message (the map component's delta),
      -> the last message (end of the rerun), -> the new fills painted, -> the address bar
      showing the new date (the whole page updated: ``to_url_ms``; the browser's time control
      sets heading and slider in the step's frame and the address bar just after it).
Prints a human-readable table and, as the last line, ``RESULT {json}``.

Usage: ``.venv/bin/python bench/atlas_bench.py [--steps N]`` (needs Debian ``chromium``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.engine.timeline import Atlas  # noqa: E402
from geo.web import mapview  # noqa: E402
from tests.e2e.atlas_map import IFRAME, UNIT_FILLS_JS  # noqa: E402
from tests.e2e.conftest import CHROMIUM_ARGS, is_local, launch_server, stop_server  # noqa: E402

START = date(1914, 5, 1)
MATCH_JS = """([sel, expected]) => {
    const fills = (UNIT_FILLS)(sel);
    if (!fills) return false;
    for (const [unit, want] of Object.entries(expected)) {
        const got = fills[unit];
        if (!got) return false;
        if (want === "pattern" ? !got.startsWith("url(") : got !== want) return false;
    }
    return true;
}""".replace("UNIT_FILLS", UNIT_FILLS_JS)
# Armed before the key press: from the next frame on, each animation frame checks the fills and
# the address bar. A message posted from the frame that first shows the new fills is handled
# once that frame has been rendered (style, layout and paint of the page and the map frame).
WATCH_JS = """([sel, expected, iso]) => {
    const matches = (MATCH);
    window.__frameAt = window.__paintAt = window.__urlAt = null;
    const until = performance.now() + 30000;
    function frame() {
        const now = performance.now();
        if (window.__frameAt === null && matches([sel, expected])) {
            window.__frameAt = now;
            const channel = new MessageChannel();
            channel.port1.onmessage = () => { window.__paintAt = performance.now(); };
            channel.port2.postMessage(null);
        }
        if (window.__urlAt === null && location.search.includes("date=" + iso)) {
            window.__urlAt = now;
        }
        if ((window.__frameAt === null || window.__urlAt === null) && now < until) {
            requestAnimationFrame(frame);
        }
    }
    requestAnimationFrame(frame);
}""".replace("MATCH", MATCH_JS)
WATCHED_JS = "() => window.__paintAt !== null && window.__urlAt !== null"
# Installed before Streamlit's own code: every WebSocket message and key press is stamped with
# the page's clock, so the phases of a step can be told apart without parsing protobuf.
STAMPS_JS = """(() => {
    window.__ws = [];
    const Native = window.WebSocket;
    window.WebSocket = function (...args) {
        const socket = new Native(...args);
        socket.addEventListener("message", (event) => {
            const size = event.data.byteLength ?? event.data.size ?? event.data.length;
            window.__ws.push([performance.now(), size]);
        });
        return socket;
    };
    window.WebSocket.prototype = Native.prototype;
    Object.assign(window.WebSocket, Native);
    document.addEventListener("keydown", () => { window.__keyAt = performance.now(); }, true);
})();"""
PHASES_JS = """() => {
    const key = window.__keyAt, paint = window.__paintAt, url = window.__urlAt;
    const msgs = window.__ws.filter(([t]) => t >= key && t <= Math.max(paint, url));
    const largest = msgs.reduce((a, b) => (b[1] > a[1] ? b : a), [key, 0]);
    return {first: (msgs.length ? msgs[0][0] : key) - key, largest: largest[0] - key,
            last: (msgs.length ? msgs[msgs.length - 1][0] : key) - key,
            frame: window.__frameAt - key, paint: paint - key, url: url - key};
}"""
PHASES = ("first", "largest", "last", "frame", "paint", "url")
# Where the first visit's time went, in ms on the page's clock from navigation: the page's load
# event (Streamlit's own code), its first WebSocket message (the first run's output), the map
# frame's navigation, and the end of the last file that frame loaded (Leaflet, its plugins, the
# map's data). The first paint itself is navigation_to_paint_s.
FIRST_VISIT_JS = """(sel) => {
    const frame = document.querySelector(sel).contentWindow.performance;
    const offset = frame.timeOrigin - performance.timeOrigin;
    const files = frame.getEntriesByType("resource").map((entry) => entry.responseEnd);
    return {page_load: performance.getEntriesByType("navigation")[0].loadEventEnd,
            first_message: window.__ws.length ? window.__ws[0][0] : -1,
            map_frame: offset, map_files: offset + Math.max(0, ...files)};
}"""


def expected_fills(atlas: Atlas, day: date) -> dict[str, str]:
    """Fill attribute each unit must have once ``day`` is painted (``pattern`` = any pattern)."""
    described = mapview.StateLayers(atlas, "").describe(atlas.state_at(day))
    styles = [described["styles"][unit["style"]] for unit in described["units"].values()]
    return {
        uid: "pattern" if style["pattern"] else style["fillColor"]
        for uid, style in zip(described["units"], styles, strict=True)
    }


def year_steps(atlas: Atlas, count: int) -> list[int]:
    """The next ``count`` years after START's; negative when that step changes no fill.

    Steps that change nothing are still walked (the slider moves one year per key) but not
    timed: there is no new paint to wait for.
    """
    years, previous = [], expected_fills(atlas, START)
    for year in range(START.year + 1, min(START.year + count, 1991) + 1):
        current = expected_fills(atlas, START.replace(year=year))
        years.append(year if current != previous else -year)
        previous = current
    return years


def naive_dir() -> Path:
    """A temp folder whose entry point is the naive app, sharing the real pages and ``static/``."""
    folder = Path(tempfile.mkdtemp(prefix="atlas-naive-"))
    shutil.copy(ROOT / "bench" / "naive_app.py", folder / "naive_app.py")
    shutil.copy(ROOT / "app.py", folder / "app.py")
    (folder / "app_pages").symlink_to(ROOT / "app_pages")
    (folder / "static").symlink_to(ROOT / "static")
    shutil.copytree(ROOT / ".streamlit", folder / ".streamlit")
    return folder


def open_painted(browser, url: str, atlas: Atlas, outside: list[str]) -> tuple:
    """A new student's tab on the Atlas, once its map is painted: (page, sizes of the WebSocket
    messages it receives, seconds from navigation to the painted map)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    # Watched, not routed: a route sends every request through this driver and back, which
    # added about 0.5 s of the bench's own to the first visit's hundred-odd files.
    context.on("request", lambda request: None if is_local(request.url)
               else outside.append(request.url))
    context.add_init_script(STAMPS_JS)
    page = context.new_page()
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda payload: received.append(len(payload))))
    navigated = time.perf_counter()
    page.goto(f"{url}/?date={START.isoformat()}")
    page.wait_for_function(MATCH_JS, arg=[IFRAME, expected_fills(atlas, START)],
                           polling="raf", timeout=60_000)
    return page, received, time.perf_counter() - navigated


def run_variant(browser, name: str, script: str, cwd: Path, atlas: Atlas, years: list[int],
                logs: Path, warm: bool = False, visits: int = 1) -> dict:
    launched = time.perf_counter()
    url, proc = launch_server(logs / f"{name}.log", script=script, cwd=cwd)
    healthy = time.perf_counter()
    if warm:
        urlopen(f"{url}/_stcore/script-health-check", timeout=120).read()
    warmed = time.perf_counter()
    try:
        outside: list[str] = []
        page, received, to_paint = open_painted(browser, url, atlas, outside)
        painted = time.perf_counter()
        first_visit = page.evaluate(FIRST_VISIT_JS, IFRAME)
        page.get_by_role("slider").focus()
        sizes, phases = [], []
        for signed in years:
            year = abs(signed)
            day = START.replace(year=year)
            page.wait_for_timeout(300)  # let the previous rerun settle completely
            before = sum(received)
            page.evaluate(WATCH_JS, [IFRAME, expected_fills(atlas, day), day.isoformat()])
            page.keyboard.press("ArrowRight")
            page.wait_for_function(WATCHED_JS, polling="raf", timeout=60_000)
            page.wait_for_timeout(400)  # collect the tail of the update's frames
            if signed > 0:
                sizes.append(sum(received) - before)
                phases.append(page.evaluate(PHASES_JS))
        page.context.close()
        later = []
        for _ in range(visits - 1):
            other, _, seconds = open_painted(browser, url, atlas, outside)
            other.context.close()
            later.append(seconds)
    finally:
        stop_server(proc)
    times = sorted(p["paint"] for p in phases)
    return {
        "steps": len(times),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
        "median_bytes_per_change": int(statistics.median(sizes)),
        "max_bytes_per_change": max(sizes),
        "cold_start_s": round(painted - launched, 2),
        "server_start_s": round(healthy - launched, 2),
        "warm_up_s": round(warmed - healthy, 2),
        "navigation_to_paint_s": round(to_paint, 2),
        "later_visits": len(later),
        "later_navigation_to_paint_median_s":
            round(statistics.median(later), 2) if later else None,
        **{f"first_{name}_ms": round(value) for name, value in first_visit.items()},
        "outside_requests": len(outside),
        **{f"to_{name}_ms": round(statistics.median(p[name] for p in phases if p), 1)
           for name in PHASES},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=30, help="year steps to walk from 1914")
    parser.add_argument("--atlas-only", action="store_true",
                        help="skip the naive baseline (quick checks while tuning)")
    parser.add_argument("--warm", action="store_true",
                        help="run the script health check before the first page, as the "
                             "launch scripts do")
    parser.add_argument("--visits", type=int, default=1,
                        help="new tabs opened in all (the first one steps); later ones are timed "
                             "navigation -> painted map")
    args = parser.parse_args()
    executable = shutil.which("chromium")
    if executable is None:
        print("chromium not found", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    atlas = Atlas.load(Path(os.environ.get("BORDERLANDS_DATA", ROOT / "data")))
    years = year_steps(atlas, args.steps)
    logs = Path(tempfile.mkdtemp(prefix="atlas-bench-logs-"))
    naive = naive_dir()
    env_path = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env_path) if p)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            atlas_result = run_variant(browser, "atlas", "app.py", ROOT, atlas, years, logs,
                                       args.warm, max(1, args.visits))
            naive_result = atlas_result if args.atlas_only else run_variant(
                browser, "naive", "naive_app.py", naive, atlas, years, logs)
            browser.close()
    finally:
        shutil.rmtree(naive, ignore_errors=True)
    result = {
        "atlas": atlas_result,
        "naive": naive_result,
        "speedup_median": round(naive_result["median_ms"] / atlas_result["median_ms"], 1),
        "targets": {
            "median_ms<=33": atlas_result["median_ms"] <= 33,
            "speedup>=5": naive_result["median_ms"] >= 5 * atlas_result["median_ms"],
            "bytes<=60KB": atlas_result["max_bytes_per_change"] <= 60_000,
            "cold_start<=3s": atlas_result["cold_start_s"] <= 3,
            "navigation_to_paint<=2.5s": atlas_result["navigation_to_paint_s"] <= 2.5,
        },
    }
    print(f"{'':24}{'atlas':>12}{'naive':>12}")
    for key in atlas_result:
        print(f"{key:24}{atlas_result[key]!s:>12}{naive_result[key]!s:>12}")
    print("RESULT " + json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
