"""The served launcher (``scripts/streamlit_served.py``) drops only Streamlit's config pollers."""

from __future__ import annotations

import inspect
import sys

import pytest
import uvicorn
from streamlit.web import bootstrap, cli

from tests.script_modules import load_script


def launcher():
    return load_script("streamlit_served")


def test_the_pinned_streamlit_still_has_the_hook_the_launcher_replaces() -> None:
    # A Streamlit upgrade that renames or reshapes it must fail here, not silently poll again.
    hook = bootstrap._install_config_watchers
    assert list(inspect.signature(hook).parameters) == ["flag_options"]
    assert "watch_file" in inspect.getsource(hook)


def test_main_runs_streamlit_run_with_the_same_arguments_and_no_pollers(monkeypatch) -> None:
    served = launcher()
    calls = []
    monkeypatch.setattr(bootstrap, "_install_config_watchers", bootstrap._install_config_watchers)
    monkeypatch.setattr(uvicorn.Server, "main_loop", uvicorn.Server.main_loop)
    monkeypatch.setattr(cli, "main", lambda **kwargs: calls.append(kwargs))
    monkeypatch.setattr("sys.argv", ["streamlit_served.py"])
    served.main(["app.py", "--server.port=8600"])
    assert sys.argv == ["streamlit", "run", "app.py", "--server.port=8600"]
    assert calls == [{"prog_name": "streamlit"}]
    assert bootstrap._install_config_watchers is served.skip_config_watchers
    assert uvicorn.Server.main_loop is served.housekeeping_once_a_second


def test_uvicorn_still_ticks_ten_times_a_second_and_keeps_its_checks_in_on_tick() -> None:
    loop = inspect.getsource(uvicorn.Server.main_loop)
    assert "asyncio.sleep(0.1)" in loop and "self.on_tick(counter)" in loop
    assert "counter % 10 == 0" in inspect.getsource(uvicorn.Server.on_tick)


def test_the_slower_loop_checks_once_a_second_until_told_to_stop(monkeypatch) -> None:
    served = launcher()
    ticks: list[int] = []
    slept: list[float] = []

    class Server:
        async def on_tick(self, counter: int) -> bool:
            ticks.append(counter)
            return len(ticks) == 3

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(served.asyncio, "sleep", sleep)
    # Driven by hand, not by asyncio.run: other tests (Playwright) may leave a loop running in
    # this thread, and nothing here waits for real, so one send runs the loop to its end.
    loop = served.housekeeping_once_a_second(Server())
    with pytest.raises(StopIteration):
        loop.send(None)
    assert ticks == [0, 10, 20], "every check refreshes the Date header, as uvicorn's every 10th"
    assert slept == [1.0, 1.0]

