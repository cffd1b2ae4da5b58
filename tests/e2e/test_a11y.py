"""Accessibility of every page: axe-core finds no serious or critical violation at 1280×720,
and the page names its language (``<html lang>``) for screen readers.

axe-core is the copy bundled in ``axe-playwright-python`` (nothing is fetched). It checks the
page document itself; the Leaflet map's own frame is checked by the map's tests. A failure
prints each offending node with its rule, so the fix can start from the message.
"""

from __future__ import annotations

import pytest

from tests.e2e.axe_pages import PAGES, describe, in_language, open_page, run_axe, serious

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("code", ["en", "tr", "ru"])
@pytest.mark.parametrize("app_page", PAGES, ids=[p.name for p in PAGES])
def test_no_serious_or_critical_axe_violation(page, app_url: str, app_page, code: str) -> None:
    """In every interface language: longer words must not break contrast or layout."""
    app_page = in_language(app_page, code)
    open_page(page, app_url, app_page)
    found = serious(run_axe(page))
    assert not found, f"{app_page.name}:\n{describe(found)}"
    assert page.outside_requests == []


@pytest.mark.parametrize(("query", "code"), [("?lang=tr", "tr"), ("?lang=ru", "ru"),
                                             ("?lang=xx", "en"), ("", "en")])
def test_the_page_names_its_language(page, app_url: str, query: str, code: str) -> None:
    """Screen readers choose their voice by ``<html lang>``; Streamlit always writes "en"."""
    page.goto(f"{app_url}/treaties{query}")
    page.locator("h1").first.wait_for(timeout=30_000)
    page.wait_for_function(f"() => document.documentElement.lang === {code!r}", timeout=15_000)
