"""The served launcher (``scripts/streamlit_served.py``) drops only Streamlit's config pollers."""

from __future__ import annotations

import importlib.util
import inspect
import sys

from streamlit.web import bootstrap, cli

from geo.paths import ROOT


def launcher():
    spec = importlib.util.spec_from_file_location(
        "streamlit_served", ROOT / "scripts" / "streamlit_served.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_pinned_streamlit_still_has_the_hook_the_launcher_replaces() -> None:
    # A Streamlit upgrade that renames or reshapes it must fail here, not silently poll again.
    hook = bootstrap._install_config_watchers
    assert list(inspect.signature(hook).parameters) == ["flag_options"]
    assert "watch_file" in inspect.getsource(hook)


def test_main_runs_streamlit_run_with_the_same_arguments_and_no_pollers(monkeypatch) -> None:
    served = launcher()
    calls = []
    monkeypatch.setattr(bootstrap, "_install_config_watchers", bootstrap._install_config_watchers)
    monkeypatch.setattr(cli, "main", lambda **kwargs: calls.append(kwargs))
    monkeypatch.setattr("sys.argv", ["streamlit_served.py"])
    served.main(["app.py", "--server.port=8600"])
    assert sys.argv == ["streamlit", "run", "app.py", "--server.port=8600"]
    assert calls == [{"prog_name": "streamlit"}]
    assert bootstrap._install_config_watchers is served.skip_config_watchers

