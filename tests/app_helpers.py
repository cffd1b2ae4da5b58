"""Shared AppTest helper: open one page of the app with URL parameters already set."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

APP = "../app.py"  # relative to the test files, as AppTest resolves it


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()
