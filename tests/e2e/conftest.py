"""Shared fixtures for browser tests: a real Streamlit server and headless Debian Chromium.

Fixtures other test files can use:

- ``app_url``: base URL of one ``streamlit run app.py`` for the whole session, on 127.0.0.1.
  It passes ``BORDERLANDS_DATA`` through, so ``BORDERLANDS_DATA=tests/fixtures/data pytest``
  runs the browser tests on the small fixture atlas.
- ``start_server``: factory ``start_server() -> url`` for a *fresh* server (stopped after the
  test), e.g. to check what a first visit to a page does.
- ``browser``: a Playwright Chromium, launched from the system's ``chromium`` binary.
- ``page``: a new 1280×720 page per test. Every request that is not to 127.0.0.1/localhost
  is aborted and recorded in ``page.outside_requests``; uncaught JS errors go to
  ``page.js_errors``.

Without Chromium (or Playwright) the tests skip, unless ``BORDERLANDS_REQUIRE_BROWSER=1`` is
set (CI sets it), in which case they fail: browser tests must never silently stop running.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def browser_required() -> bool:
    return os.environ.get("BORDERLANDS_REQUIRE_BROWSER") == "1"


def no_browser(reason: str) -> None:
    if browser_required():
        pytest.fail(f"{reason}, and BORDERLANDS_REQUIRE_BROWSER=1 forbids skipping")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port_run(count: int) -> int:
    """A loopback port that is free with its ``count - 1`` successors (nginx, then replicas)."""
    for _ in range(50):
        port = free_port()
        if port + count < 65536 and all(_port_is_free(port + i) for i in range(1, count)):
            return port
    raise RuntimeError(f"found no {count} consecutive free loopback ports")


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def wait_until(check: Callable[[], bool], timeout: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {proc.returncode}")
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError("streamlit did not become healthy in time")


def ensure_vendor_assets() -> None:
    if not (ROOT / "static" / "vendor" / "manifest.json").is_file():
        subprocess.run([sys.executable, "-m", "geo.web.vendor_assets", "static"], cwd=ROOT,
                       check=True)


def launch_server(
    log_path: Path, script: str = "app.py", cwd: Path = ROOT
) -> tuple[str, subprocess.Popen]:
    """Start ``<script>`` in ``cwd`` on a free loopback port as the app is served
    (``scripts/streamlit_served.py``); wait until healthy."""
    ensure_vendor_assets()
    port = free_port()
    log = log_path.open("w")  # a file, not a pipe: an unread pipe fills up and blocks the server
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "streamlit_served.py"), script,
         "--server.headless=true", f"--server.port={port}", "--server.address=127.0.0.1",
         "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
        cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: urlopen(url + "/_stcore/health", timeout=1).read() == b"ok", 60, proc)
    except Exception:
        stop_server(proc)
        raise
    return url, proc


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url, proc = launch_server(tmp_path_factory.mktemp("streamlit") / "server.log")
    yield url
    stop_server(proc)


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[[], str]]:
    procs: list[subprocess.Popen] = []

    def start() -> str:
        url, proc = launch_server(tmp_path / f"server-{len(procs)}.log")
        procs.append(proc)
        return url

    yield start
    for proc in procs:
        stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        no_browser("no chromium on PATH")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        no_browser("playwright is not installed")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def guarded_tab(browser, allowed, **context_options):
    """A new tab (1280x720 unless ``context_options`` say otherwise) whose requests are aborted
    and listed unless ``allowed(url)``.

    The tab carries ``outside_requests`` (the aborted URLs) and ``js_errors``; close it with
    ``tab.context.close()``.
    """
    options = {"viewport": {"width": 1280, "height": 720}} | context_options
    context = browser.new_context(**options)
    outside: list[str] = []

    def guard(route) -> None:
        if allowed(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.outside_requests = outside
    tab.js_errors = []
    tab.on("pageerror", lambda error: tab.js_errors.append(str(error)))
    return tab


def is_local(url: str) -> bool:
    return url.startswith(("data:", "blob:")) or (urlsplit(url).hostname or "") in LOCAL_HOSTS


@pytest.fixture
def page(browser):
    tab = guarded_tab(browser, is_local)
    yield tab
    tab.context.close()
