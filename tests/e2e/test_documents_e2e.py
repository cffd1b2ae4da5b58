"""The reference pages in real headless Chromium: treaty → "Show on map", search, citation files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geo.records.loaders import load_tables
from tests.e2e.atlas_map import data_dir
from tests.test_citations import parse_bibtex

pytestmark = pytest.mark.e2e

MOSCOW = "treaty-of-moscow-1921"
SEARCH_LABEL = "Search regions, documents, events"


@pytest.fixture(scope="module")
def moscow():
    doc = load_tables(data_dir()).documents.get(MOSCOW)
    if doc is None:
        pytest.skip("the Treaty of Moscow is not in this data")
    return doc


def wait_for_location(page, pattern: str, timeout: float = 20_000) -> None:
    """Streamlit changes pages with the history API, so no load event fires: poll the URL."""
    page.wait_for_function(
        "(p) => new RegExp(p).test(location.pathname + location.search)", arg=pattern,
        timeout=timeout,
    )


def open_moscow(page, app_url: str) -> None:
    page.goto(app_url + "/treaties")
    page.get_by_role("link", name=re.compile("Treaty of Moscow")).first.click()
    wait_for_location(page, f"doc={MOSCOW}")
    page.get_by_role("heading", name="Treaty of Moscow").first.wait_for(timeout=15_000)


def test_show_on_map_on_the_batum_article_opens_the_atlas(page, app_url, moscow) -> None:
    batum = next(a for a in moscow.articles if "batumi" in a.regions)
    day = batum.show_on_map.isoformat()
    open_moscow(page, app_url)
    heading = f"Article {batum.article} — {batum.title}"
    title = page.get_by_role("heading", name=heading)
    article = page.get_by_test_id("stVerticalBlock").filter(has=title).last
    article.get_by_role("link", name=re.compile(re.escape(f"Show on map ({day})"))).click()
    wait_for_location(page, rf"^/\?(?=.*date={day})(?=.*region={batum.regions[0]})")
    page.get_by_role("heading", name="Batumi").first.wait_for(timeout=20_000)
    assert page.get_by_test_id("stException").count() == 0
    assert page.outside_requests == []


def test_search_finds_nakhchivan_by_its_azerbaijani_spelling(page, app_url) -> None:
    page.goto(app_url + "/treaties")
    box = page.get_by_label(SEARCH_LABEL)
    box.fill("Naxçıvan")
    box.press("Enter")
    result = page.get_by_test_id("stSidebar").get_by_role("link", name="Nakhchivan").first
    result.wait_for(timeout=15_000)
    result.click()
    wait_for_location(page, "^/regions\\?region=nakhchivan")
    page.get_by_role("heading", name="Nakhchivan").first.wait_for(timeout=15_000)
    assert page.outside_requests == []


def test_citation_downloads_parse_as_bibtex_and_json(page, app_url, moscow) -> None:
    open_moscow(page, app_url)
    with page.expect_download(timeout=15_000) as bib_download:
        page.get_by_role("button", name="Download BibTeX").click()
    bib = Path(bib_download.value.path()).read_text(encoding="utf-8")
    [entry] = parse_bibtex(bib)
    assert entry["ID"] == MOSCOW and entry["date"] == moscow.dates.signed.isoformat()
    assert entry["url"].endswith(f"/treaties?doc={MOSCOW}")
    with page.expect_download(timeout=15_000) as csl_download:
        page.get_by_role("button", name="Download CSL-JSON").click()
    [item] = json.loads(Path(csl_download.value.path()).read_text(encoding="utf-8"))
    assert {"type", "title", "issued", "URL", "version"} <= set(item)
    assert item["URL"].startswith(app_url)
    assert page.outside_requests == []
