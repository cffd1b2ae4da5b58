"""A class at once: many browser sessions stepping the Atlas's year slider against one server.

Scenario (issue 10): ``--sessions`` headless Chromium sessions (default 30) open the Atlas on
1 May 1914 with Kars selected; once every map is painted they all press ArrowRight on the year
slider ``--steps`` times (default 20), 200–600 ms apart (seeded). The browser clients run on
the same machine as the server(s). Everything goes to 127.0.0.1 and is bounded: the whole run
is cut off after ``--max-seconds``.

Reported:
  * sessions that agree 2 s after their last key: slider, page heading, address bar, the map's
    Kars fill and the region panel all show the date the keys asked for (``agreed``); also
    those whose five parts show one date, right or not (``consistent``);
  * errors: page errors, Streamlit exception boxes, sessions that failed to load in 5 minutes
    (at most 5 sessions open the page at a time);
  * key -> whole page updated: from a key press until both the heading and the address bar
    (written by the server's rerun) show that key's year or a later one; p50/p95 over every
    key of every session (sampled every 25 ms in the page), and keys never caught up;
  * the server processes' CPU time (user + system) per key press during the stepping; with one
    session, also each step's own CPU time (read before every key), as median, p95 and max.

``--replicas N`` runs the same scenario through nginx in front of N replicas
(``scripts/serve.sh``); ``--app-dir`` points at another checkout (e.g. an older commit), whose
app is started the way its own ``scripts/run-app.sh`` starts it.

Usage: ``.venv/bin/python bench/load_bench.py [--sessions 30] [--steps 20] [--replicas N]``
Prints a table and, as the last line, ``RESULT {json}``.
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import ctypes.util
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.engine.timeline import Atlas  # noqa: E402
from tests.e2e import atlas_session  # noqa: E402
from tests.e2e.atlas_map import IFRAME, WAIT_FILL_JS  # noqa: E402
from tests.e2e.conftest import CHROMIUM_ARGS, free_port, free_port_run  # noqa: E402

LIBC = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
AGREE_AFTER_S = 2.0
LOAD_TIMEOUT_MS = 300_000
# Students open the page over a minute or so, not in the same instant: at most this many
# sessions load at once. The stepping, the scenario measured, starts for all together.
OPENING_AT_ONCE = 5
SAMPLE_MS = 25
# Installed before the app's code: every change of heading or address bar is stamped with the
# page's clock, as are key presses, so the latencies need no round trip to the test driver.
TRACE_JS = """(() => {
    window.__trace = [];
    window.__keys = [];
    let last = "";
    setInterval(() => {
        const h1 = document.querySelector("h1");
        const span = h1 && (h1.querySelector("[data-heading-text]") || h1);
        const now = (span ? span.innerText.trim() : "") + "|" + location.search;
        if (now !== last) {
            last = now;
            window.__trace.push([performance.now(), now]);
        }
    }, SAMPLE_MS);
    document.addEventListener("keydown", () => window.__keys.push(performance.now()), true);
})();""".replace("SAMPLE_MS", str(SAMPLE_MS))
ERROR_BOXES_JS = '() => document.querySelectorAll(\'[data-testid="stException"]\').length'


@dataclass
class Session:
    index: int
    agreed: bool = False
    consistent: bool = False
    wrong: list[str] = field(default_factory=list)
    shown: dict = field(default_factory=dict)  # what it showed 2 s after its last key
    errors: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    missed_keys: int = 0
    cpu_marks: list[float] = field(default_factory=list)  # server CPU before each key, and after


def year_of(entry: str) -> int | None:
    """The year both heading and address bar show in a trace entry, else None."""
    heading, _, search = entry.partition("|")
    marker = "date="
    if marker not in search or not heading[-4:].isdigit():
        return None
    year = search.split(marker, 1)[1][:4]
    return int(year) if year.isdigit() and year == heading[-4:] else None


def key_latencies(keys: list[float], trace: list, first_year: int) -> tuple[list[float], int]:
    """Per key: ms until heading and URL show its year or later; and how many never did."""
    latencies, missed = [], 0
    for n, pressed in enumerate(keys, start=1):
        target = first_year + n
        caught = next((t for t, entry in trace
                       if t >= pressed and (year_of(entry) or 0) >= target), None)
        if caught is None:
            missed += 1
        else:
            latencies.append(caught - pressed)
    return latencies, missed


def shows_one_date(atlas: Atlas, shown: dict) -> bool:
    """Slider, heading, address bar, map and panel all on the slider's year, right or wrong."""
    year = shown["slider"]
    if not (year or "").isdigit() or not 1878 <= int(year) <= 1991:
        return False
    want = atlas_session.expected(atlas, date(int(year), 5, 1))
    return not atlas_session.disagreements(shown, want)


async def run_session(browser, url: str, atlas: Atlas, session: Session, steps: int,
                      gaps: list[float], ready: asyncio.Barrier,
                      opening: asyncio.Semaphore, cpu_now=None) -> None:
    want_start = atlas_session.expected(atlas, atlas_session.START)
    want_end = atlas_session.expected(
        atlas, atlas_session.START.replace(year=atlas_session.START.year + steps))
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    outside: list[str] = []

    async def guard(route) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            await route.continue_()
        else:
            outside.append(route.request.url)
            await route.abort()

    await context.route("**/*", guard)
    await context.add_init_script(TRACE_JS)
    page = await context.new_page()
    page.on("pageerror", lambda error: session.errors.append(f"page error: {error}"))
    loaded = False
    try:
        stage = "page"
        try:
            async with opening:
                await page.goto(atlas_session.start_url(url), timeout=LOAD_TIMEOUT_MS)
                stage = "map"
                await page.wait_for_function(
                    WAIT_FILL_JS, arg=[IFRAME, atlas_session.REGION, want_start.fill, None],
                    polling=100, timeout=LOAD_TIMEOUT_MS)
                stage = "slider"
                await page.get_by_role("slider").focus(timeout=LOAD_TIMEOUT_MS)
            loaded = True
        except Exception as error:  # a load under load that fails is a result, not a crash
            session.errors.append(f"load ({stage}): {type(error).__name__}")
        await ready.wait()
        if not loaded:
            return
        for gap in gaps:
            if cpu_now:
                session.cpu_marks.append(cpu_now())
            await page.keyboard.press("ArrowRight")
            await asyncio.sleep(gap)
        if cpu_now:
            session.cpu_marks.append(cpu_now())
        await asyncio.sleep(max(0.0, AGREE_AFTER_S - gaps[-1]))
        shown = await page.evaluate(atlas_session.READ_JS, IFRAME)
        session.wrong = atlas_session.disagreements(shown, want_end)
        session.shown = shown
        if session.wrong:  # where the keys went: the slider should still have the focus
            session.shown["focus"] = await page.evaluate(
                "() => document.activeElement ? document.activeElement.outerHTML.slice(0, 80) : ''")
        session.agreed = not session.wrong
        session.consistent = shows_one_date(atlas, shown)
        await page.wait_for_timeout(3000)  # late updates still count for the latency figures
        keys = await page.evaluate("() => window.__keys")
        trace = await page.evaluate("() => window.__trace")
        session.latencies_ms, session.missed_keys = key_latencies(
            keys[-steps:], trace, atlas_session.START.year)
        if await page.evaluate(ERROR_BOXES_JS):
            session.errors.append("exception box on the page")
        if outside:
            session.errors.append(f"{len(outside)} requests off the loopback")
    finally:
        await context.close()


def process_cpu_s(pids: list[int]) -> float:
    """User + system CPU seconds of the given processes so far, to the nanosecond.

    Read from each process's CPU-time clock (``clock_getcpuclockid``), which counts threads
    that have already ended, such as Streamlit's script threads; ``/proc/<pid>/stat`` counts in
    10 ms ticks, too coarse for one date step, and is the fallback.
    """
    total = 0.0
    for pid in pids:
        clock = ctypes.c_int()
        if LIBC.clock_getcpuclockid(pid, ctypes.byref(clock)) == 0:
            try:
                total += time.clock_gettime(clock.value)
                continue
            except OSError:  # the process has ended
                pass
        total += _proc_ticks_s(pid)
    return total


def _proc_ticks_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pids_listening(ports: list[int]) -> list[int]:
    """Streamlit processes started with one of ``ports`` (read from /proc's command lines)."""
    wanted = {f"--server.port={port}" for port in ports}
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                args = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if wanted & {a.decode(errors="replace") for a in args}:
                found.append(int(proc.name))
    return found


def start_app(app_dir: Path, replicas: int, logs: Path) -> tuple[str, subprocess.Popen, list[int]]:
    """One ``streamlit run app.py`` as run-app.sh serves it, or serve.sh with ``replicas``."""
    python = app_dir / ".venv" / "bin" / "python"
    if replicas:
        port = free_port_run(replicas + 1)
        ports = [port + i for i in range(1, replicas + 1)]
        command = ["bash", "scripts/serve.sh", "--replicas", str(replicas), "--listen",
                   f"127.0.0.1:{port}", "--replica-port-base", str(port + 1),
                   "--run-dir", str(logs / "serve"), "--no-setup"]
    else:
        port = free_port()
        ports = [port]
        served = app_dir / "scripts" / "streamlit_served.py"  # older checkouts have none
        launch = [str(served)] if served.is_file() else ["-m", "streamlit", "run"]
        command = [str(python), *launch, "app.py", f"--server.port={port}",
                   "--server.address=127.0.0.1", "--server.headless=true"]
    log = (logs / "server.log").open("w")
    proc = subprocess.Popen(command, cwd=app_dir, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}; see {logs}")
        try:
            if urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            stop(proc)
            raise TimeoutError("server did not become healthy in 180 s")
        time.sleep(0.5)
    return url, proc, ports


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


async def drive(url: str, atlas: Atlas, args: argparse.Namespace, server_pids: list[int]) -> dict:
    from playwright.async_api import async_playwright

    rng = random.Random(args.seed)
    plans = [[args.gap or rng.uniform(0.2, 0.6) for _ in range(args.steps)]
             for _ in range(args.sessions)]
    sessions = [Session(i) for i in range(args.sessions)]
    ready = asyncio.Barrier(args.sessions + 1)
    opening = asyncio.Semaphore(OPENING_AT_ONCE)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        # One session: the server's CPU is also read before each key, so each step's own cost
        # (the key and the gap after it) gives the median the issue states its target in.
        cpu_now = (lambda: process_cpu_s(server_pids)) if args.sessions == 1 else None
        tasks = [asyncio.create_task(run_session(browser, url, atlas, s, args.steps, plan,
                                                 ready, opening, cpu_now))
                 for s, plan in zip(sessions, plans, strict=True)]
        loading = time.perf_counter()
        await ready.wait()
        loaded = time.perf_counter()
        cpu_before = process_cpu_s(server_pids)
        await asyncio.gather(*tasks)
        cpu_after = process_cpu_s(server_pids)
        stepping = time.perf_counter() - loaded
        await browser.close()
    for session in [s for s in sessions if s.wrong][:3]:
        print(f"session {session.index} disagreed on {session.wrong}: {session.shown}",
              file=sys.stderr)
    latencies = [ms for s in sessions for ms in s.latencies_ms]
    keys = args.sessions * args.steps
    marks = sessions[0].cpu_marks
    per_step = [1000 * (after - before) for before, after in pairwise(marks)]
    return {
        "sessions": args.sessions,
        "steps": args.steps,
        "replicas": args.replicas,
        "agreed": sum(s.agreed for s in sessions),
        "consistent": sum(s.consistent for s in sessions),
        "errors": sum(len(s.errors) for s in sessions),
        "sessions_with_errors": sum(bool(s.errors) for s in sessions),
        "key_to_page_p50_ms": percentile(latencies, 0.5),
        "key_to_page_p95_ms": percentile(latencies, 0.95),
        "keys_never_caught_up": sum(s.missed_keys for s in sessions),
        "server_cpu_ms_per_key": round(1000 * (cpu_after - cpu_before) / keys, 1),
        "server_cpu_ms_per_step_median": percentile(per_step, 0.5),
        "server_cpu_ms_per_step_p95": percentile(per_step, 0.95),
        "server_cpu_ms_per_step_max": round(max(per_step), 1) if per_step else None,
        "load_all_s": round(loaded - loading, 1),
        "stepping_s": round(stepping, 1),
        "disagreeing_parts": dict(sorted(Counter(p for s in sessions for p in s.wrong).items())),
        "error_kinds": dict(Counter(e[:80] for s in sessions for e in s.errors)),
        "latency_samples": len(latencies),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30, choices=range(1, 41),
                        metavar="1..40")
    parser.add_argument("--steps", type=int, default=20, choices=range(1, 61), metavar="1..60")
    parser.add_argument("--replicas", type=int, default=0, choices=range(0, 9), metavar="0..8",
                        help="0: one server directly; N: N replicas behind nginx")
    parser.add_argument("--app-dir", type=Path, default=ROOT,
                        help="checkout whose app is served (its own .venv and data)")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--gap", type=float, default=0.0,
                        help="fixed seconds between keys instead of 0.2-0.6 s at random "
                             "(issue 10's server CPU per step: --sessions 1 --steps 30 --gap 1.5)")
    parser.add_argument("--max-seconds", type=float, default=1200,
                        help="the whole run is cut off after this long")
    args = parser.parse_args()
    if shutil.which("chromium") is None:
        print("chromium not found", file=sys.stderr)
        return 2
    app_dir = args.app_dir.resolve()
    atlas = Atlas.load(app_dir / "data")
    logs = Path(tempfile.mkdtemp(prefix="atlas-load-"))
    load_before = os.getloadavg()
    url, proc, ports = start_app(app_dir, args.replicas, logs)
    try:
        server_pids = pids_listening(ports)
        run = drive(url, atlas, args, server_pids)
        result = asyncio.run(asyncio.wait_for(run, args.max_seconds))
    finally:
        stop(proc)
    result["app_dir"] = str(app_dir)
    result["commit"] = subprocess.run(["git", "-C", str(app_dir), "rev-parse", "--short", "HEAD"],
                                      capture_output=True, text=True).stdout.strip()
    result["loadavg_1m_before"] = round(load_before[0], 2)
    result["loadavg_1m_after"] = round(os.getloadavg()[0], 2)
    result["cores"] = os.cpu_count()
    for key, value in result.items():
        print(f"{key:28}{value}")

    print("RESULT " + json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
