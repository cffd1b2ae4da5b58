"""Steps taken while the server's answer to an earlier step is still on its way.

Under load (30 sessions on two cores) the browser often settles on a new date before it has
received the run of the whole page that an earlier date caused. Here that is made certain: a
WebSocket route holds back the server's messages to the browser while the slider steps, and
lets them through, in order, once the server has finished the runs those steps cause.

* Across two changes of Kars's period (1918, then 1920): the request for 1920 carries the
  address the browser knew before (1914), and the page run it causes must not take that
  address for a followed link and move the date back (``app_pages.atlas.date_control``).
* Back to 1914 after a page run for 1918: the page run draws the map the browser opened with,
  which the browser has dropped from Streamlit's message cache by then; with the cache on
  (it is off in ``.streamlit/config.toml``) Streamlit would refer to it and end the session.

In the end slider, heading, address bar, map and region panel show the last date, no dialog
is open and the slider still has the keyboard focus.
"""

from __future__ import annotations

import time

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from geo.engine.timeline import Atlas
from tests.e2e import atlas_session
from tests.e2e.atlas_map import data_dir, wait_for_fill

pytestmark = pytest.mark.e2e

STREAM = "**/_stcore/stream"


class LateServer:
    """Relays Streamlit's WebSocket; while ``holding``, keeps the server's messages back
    (all but heartbeat answers, so the browser does not give the connection up)."""

    def __init__(self) -> None:
        self.holding = False
        self.held: list[bytes | str] = []
        self.browser_side = None

    def handle(self, route) -> None:
        self.browser_side = route
        server = route.connect_to_server()
        route.on_message(server.send)
        server.on_message(self.from_server)

    def from_server(self, message: bytes | str) -> None:
        if self.holding and kind(message) != "heartbeat_ack":
            self.held.append(message)
        else:
            self.browser_side.send(message)

    def runs_held(self) -> int:
        """Runs (of the page or of the time control alone) whose messages are held."""
        return sum(1 for message in self.held if kind(message) == "script_finished")

    def page_runs_held(self) -> int:
        """Runs of the whole page that finished while their messages were held."""
        done = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
        return sum(1 for message in self.held if kind(message) == "script_finished"
                   and ForwardMsg.FromString(message).script_finished == done)

    def release(self) -> None:
        self.holding = False
        for message in self.held:
            self.browser_side.send(message)
        self.held.clear()


def kind(message: bytes | str) -> str | None:
    return ForwardMsg.FromString(message).WhichOneof("type") if isinstance(message, bytes) \
        else None


def wait_for(page, check, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, "the server did not finish its runs in time"
        page.wait_for_timeout(100)


def press(page, times: int, key: str = "ArrowRight") -> None:
    for _ in range(times):
        page.keyboard.press(key)
        page.wait_for_timeout(60)


def open_held(page, app_url: str) -> tuple[Atlas, LateServer, atlas_session.Expected]:
    """The Atlas opened through a ``LateServer`` (not yet holding), map painted, slider focused:
    the atlas, the relay and what the page shows at the start."""
    atlas = Atlas.load(data_dir())
    late = LateServer()
    page.route_web_socket(STREAM, late.handle)
    page.goto(atlas_session.start_url(app_url))
    start = atlas_session.expected(atlas, atlas_session.START)
    wait_for_fill(page, atlas_session.REGION, expected=start.fill, timeout=60_000)
    page.wait_for_timeout(1500)  # the timeline is fetched once the map is up
    page.get_by_role("slider").focus()
    return atlas, late, start


def settles_on(page, want) -> None:
    """Within 10 s slider, heading, address bar, map and panel all show ``want``."""
    for _ in range(40):
        wrong = atlas_session.disagreements(atlas_session.read(page), want)
        if not wrong:
            return
        page.wait_for_timeout(250)
    assert not wrong, f"{wrong} disagree: {atlas_session.read(page)}"


def test_a_step_sent_before_the_last_page_run_arrived_keeps_its_date(page, app_url) -> None:
    atlas, late, _ = open_held(page, app_url)

    late.holding = True
    press(page, 4)  # 1918: Kars's period changes, so the whole page is run again
    wait_for(page, lambda: late.page_runs_held() >= 1)
    press(page, 2)  # 1920: another period, sent with the address the browser knew (1914)
    wait_for(page, lambda: late.page_runs_held() >= 2)
    late.release()

    want = atlas_session.expected(atlas, atlas_session.START.replace(year=1920))
    settles_on(page, want)
    assert page.get_by_role("slider").evaluate("(el) => el === document.activeElement")


def test_a_session_survives_coming_back_to_a_map_it_had_dropped(page, app_url) -> None:
    """Three runs of the time control alone, a page run (1918), then back to 1914 while that
    run is on its way: its page run draws the map the browser opened with. Streamlit's message
    cache (switched off in the served configuration) would send a reference to that map, which
    the browser had dropped by then ("Cached ForwardMsg MISS"), and end the session."""
    _, late, start = open_held(page, app_url)

    late.holding = True
    for runs in (1, 2, 3):  # 1915, 1916, 1917: the time control's own runs
        press(page, 1)
        wait_for(page, lambda runs=runs: late.runs_held() >= runs)
    press(page, 1)  # 1918: a page run with another map
    wait_for(page, lambda: late.page_runs_held() >= 1)
    press(page, 4, "ArrowLeft")  # back to 1914, the first map
    wait_for(page, lambda: late.page_runs_held() >= 2)
    late.release()

    settles_on(page, start)
    assert page.locator('[data-testid="stDialog"]').count() == 0
    assert page.get_by_role("slider").evaluate("(el) => el === document.activeElement")
