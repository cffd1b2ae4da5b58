"""Two replicas behind nginx, started by ``scripts/serve.sh`` on 127.0.0.1.

Several browser sessions go through nginx and each steps the year slider a different number
of times. Every session must end consistent (slider, heading, address bar, map, region panel
on its own date), the two replicas must both have served sessions, and every WebSocket must
have reached the replica its cookie names: Streamlit keeps a session's state in one process.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.request import Request, urlopen

import pytest

from geo.engine.timeline import Atlas
from tests.e2e import atlas_session
from tests.e2e.atlas_map import data_dir, wait_for_fill
from tests.e2e.conftest import (
    ROOT,
    ensure_vendor_assets,
    free_port_run,
    guarded_tab,
    is_local,
    no_browser,
    wait_until,
)
from tests.script_modules import load_script

pytestmark = pytest.mark.e2e

NGINX_CONF = load_script("nginx_conf")

SESSIONS = 4
STREAM_LINE = re.compile(r'"GET /_stcore/stream[^"]*" 101 upstream=127\.0\.0\.1:(\d+) cookie=(\S+)')


def nginx_available() -> bool:
    return shutil.which("nginx") is not None or os.access("/usr/sbin/nginx", os.X_OK)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, list[int]]]:
    """``scripts/serve.sh --replicas 2``: nginx's URL, its run folder and the replica ports."""
    if not nginx_available():
        no_browser("no nginx (Debian package nginx; .ci/run installs it)")
    ensure_vendor_assets()
    run_dir = tmp_path_factory.mktemp("serve")
    port = free_port_run(3)
    replica_ports = [port + 1, port + 2]
    log = (run_dir / "serve.log").open("w")
    proc = subprocess.Popen(
        ["bash", "scripts/serve.sh", "--replicas", "2", "--listen", f"127.0.0.1:{port}",
         "--replica-port-base", str(port + 1), "--run-dir", str(run_dir), "--no-setup"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: urlopen(url + "/_stcore/health", timeout=2).read() == b"ok", 150, proc)
        yield url, run_dir, replica_ports
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
        log.close()
    assert proc.returncode == 143, f"serve.sh did not stop cleanly: {proc.returncode}"


def logged_streams(log_path: Path) -> list[tuple[int, str]]:
    """(replica port, cookie) of each WebSocket nginx passed on; it logs one when it closes."""
    deadline = time.monotonic() + 15
    while True:
        streams = [(int(port), cookie) for port, cookie in
                   STREAM_LINE.findall(log_path.read_text(encoding="utf-8"))]
        if len(streams) >= SESSIONS or time.monotonic() > deadline:
            return streams
        time.sleep(0.2)


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(data_dir())


def test_sessions_stay_on_one_replica_and_consistent(browser, served, atlas) -> None:
    url, run_dir, replica_ports = served
    start = atlas_session.expected(atlas, atlas_session.START)
    tabs = [guarded_tab(browser, is_local) for _ in range(SESSIONS)]
    try:
        for tab in tabs:
            tab.goto(atlas_session.start_url(url), timeout=120_000)
        for tab in tabs:
            wait_for_fill(tab, atlas_session.REGION, expected=start.fill, timeout=90_000)
            tab.get_by_role("slider").focus()
        # Session i steps 3 + i years, the sessions taking turns key by key.
        for step in range(3 + SESSIONS - 1):
            for i, tab in enumerate(tabs):
                if step < 3 + i:
                    year = atlas_session.START.year + step + 1
                    tab.keyboard.press("ArrowRight")
                    tab.wait_for_function(f"() => location.search.includes('date={year}-')",
                                          timeout=30_000)
        for i, tab in enumerate(tabs):
            want = atlas_session.expected(atlas, date(atlas_session.START.year + 3 + i, 5, 1))
            tab.wait_for_function(
                "([sel, heading]) => document.querySelector(sel)?.innerText.trim() === heading",
                arg=["h1 [data-heading-text]", want.heading], timeout=30_000)
            tab.wait_for_timeout(1000)  # the map and panel of the same run settle
            shown = atlas_session.read(tab)
            assert atlas_session.disagreements(shown, want) == [], (i, shown, want)
            assert tab.outside_requests == [] and tab.js_errors == []
        pinned = [{c["name"]: c["value"] for c in tab.context.cookies()}.get("atlas_replica")
                  for tab in tabs]
    finally:
        for tab in tabs:
            tab.context.close()
    assert sorted(set(pinned)) == ["1", "2"], pinned  # new browsers are dealt out in turn

    streams = logged_streams(run_dir / "access.log")
    assert {port for port, _ in streams} == set(replica_ports)
    for port, cookie in streams:
        assert cookie in ("1", "2") and replica_ports[int(cookie) - 1] == port, (port, cookie)


def test_streamlit_javascript_reaches_the_browser_compressed(served) -> None:
    """Streamlit serves its own bundle uncompressed; through nginx it arrives gzipped."""
    url, _, _ = served
    page = urlopen(url + "/", timeout=30).read().decode("utf-8")
    bundle = re.search(r'src="\.?/?(static/js/index\.[^"]+\.js)"', page)
    assert bundle, page[:500]
    request = Request(f"{url}/{bundle.group(1)}", headers={"Accept-Encoding": "gzip"})
    with urlopen(request, timeout=30) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        body = response.read()
    assert len(gzip.decompress(body)) > 2 * len(body)


def test_streamlit_frontend_files_come_from_nginx(served) -> None:
    """Streamlit's own files are sent by nginx from the installed package whenever its workers
    can read them (``scripts/nginx_conf.py``), so a first visit costs the replicas only the page."""
    url, run_dir, _ = served
    page = urlopen(url + "/", timeout=30).read().decode("utf-8")
    bundle = re.search(r'src="\.?/?(static/js/index\.[^"]+\.js)"', page).group(1)
    with urlopen(f"{url}/{bundle}", timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/javascript")
        assert "immutable" in response.headers["Cache-Control"]
        assert "atlas_replica" not in (response.headers["Set-Cookie"] or "")
    served_by = re.findall(rf'"GET /{re.escape(bundle)} HTTP/1\.1" 200 upstream=(\S+)',
                           (run_dir / "access.log").read_text(encoding="utf-8"))
    by_nginx = NGINX_CONF.static_folder() is not None
    assert served_by and all((value == "-") is by_nginx for value in served_by), served_by
