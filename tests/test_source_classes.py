"""Source classes: validate refuses an unclassified source, counts are real, forum quotes say so."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import DATA, ROOT, shared_dir
from geo.records import aid
from geo.records.loaders import load_tables
from geo.records.source_classes import (
    CLASSES,
    WEAK,
    cited_urls,
    fact_counts,
    load_source_classes,
)
from geo.validate import validate

FIXTURE = Path(__file__).parent / "fixtures" / "data"
EDITORIAL = re.compile(r"<!-- EDITORIAL: \([A-Z]\) (\S+)")


def copy_fixture(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    return data


def test_unclassified_unknown_and_stale_sources_are_named(tmp_path: Path) -> None:
    data = copy_fixture(tmp_path)
    sources = data / "sources.csv"
    text = sources.read_text(encoding="utf-8")
    first = text.splitlines()[1]
    url = first.split(",")[0]
    text = text.replace(first + "\n", "")
    text = text.replace(",encyclopedia,", ",blog,", 1)
    text += "https://example.org/zz-never-cited,encyclopedia,\n"
    sources.write_text(text, encoding="utf-8")
    problems = "\n".join(validate(data, shared=tmp_path / "none").problems)
    assert f"source {url} has no class in sources.csv" in problems
    assert "class 'blog' is not one of primary-text" in problems
    assert "sources.csv: https://example.org/zz-never-cited is not cited anywhere" in problems


def test_every_cited_url_of_the_real_data_has_a_known_class() -> None:
    classes = load_source_classes()
    assert set(cited_urls(load_tables())) == set(classes)
    assert {record.source_class for record in classes.values()} <= set(CLASSES)


def test_fact_counts_cover_every_fact() -> None:
    tables = load_tables()
    counts = fact_counts(tables, load_source_classes())
    facts = len(tables.periods) + len(tables.claims) + len(tables.events) + len(aid.load_aid())
    assert sum(counts.values()) == facts
    assert counts["official-publication"] > 0 and sum(counts[w] for w in WEAK) > 0


def test_forum_quotations_name_their_forum_post() -> None:
    """A quotation taken from a forum section of a combined source file carries that post's URL."""
    shared = shared_dir()
    if not shared.is_dir():
        pytest.skip("shared sources not available")
    classes = load_source_classes()
    checked = 0
    for doc in load_tables().documents.values():
        for quote in doc.quotes:
            path = shared / quote.file
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            before = text[: text.find(quote.text)]
            sections = EDITORIAL.findall(before)
            section = sections[-1] if sections else ""
            if section and section in classes and classes[section].source_class == "forum-news":
                assert quote.source_url == section, (doc.id, quote.text[:40])
                checked += 1
            elif quote.source_url:
                assert quote.source_url == section, (doc.id, quote.text[:40])
    assert checked == 4


def test_document_page_flags_the_forum_quote_and_shows_badges(monkeypatch) -> None:
    monkeypatch.setenv("BORDERLANDS_DATA", str(DATA))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["doc"] = "montreux-convention-1936"
    at.switch_page("app_pages/treaties.py")
    at.run()
    assert not at.exception
    text = "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    assert "This passage was copied from a forum post" in text
    assert ":green-badge[Primary text]" in text and "Source classes:" in text
