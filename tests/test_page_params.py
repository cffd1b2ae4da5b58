"""Odd URL parameters on every page: a visible notice, a sensible fallback, never an exception.

The Atlas page's own parameter tests live in ``test_atlas_page.py``; these cover the pages that
read their own parameters (compare, regions, timeline, tour, treaties).
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_helpers import open_page

HOSTILE = "<img src=x onerror=alert(1)>${alert(1)}"


@pytest.fixture(autouse=True)
def real_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BORDERLANDS_DATA", raising=False)


def notices(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.info, *at.warning, *at.toast])


def test_compare_explains_unreadable_and_clamped_dates() -> None:
    at = open_page("app_pages/compare.py", a="abc", b="1700-01-01")
    assert not at.exception
    text = notices(at)
    assert "Ignored a=" in text and "outside the atlas" in text
    assert at.query_params["b"] == "1878-07-13"


@pytest.mark.parametrize(
    ("page", "params", "expected"),
    [
        ("app_pages/regions.py", {"region": HOSTILE}, "no dossier"),
        ("app_pages/timeline.py", {"event": HOSTILE}, "no event has that id"),
        ("app_pages/treaties.py", {"doc": HOSTILE}, "No document with that id"),
        ("app_pages/tour.py", {"tour": "batumi-1918-1921", "scene": "99"}, "does not exist"),
    ],
)
def test_unknown_values_are_ignored_with_a_notice(page: str, params: dict[str, str],
                                                  expected: str) -> None:
    at = open_page(page, **params)
    assert not at.exception
    assert expected in notices(at)
    shown = " ".join(str(e.value) for e in [*at.markdown, *at.info, *at.warning])
    assert not re.search(r"(?<!\\)<img", shown), "hostile text reached Markdown unescaped"
