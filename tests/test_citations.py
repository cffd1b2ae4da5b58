"""Citations must be machine-readable: BibTeX that parses and CSL-JSON with the required keys."""

from __future__ import annotations

import json
import re
from datetime import date

import bibtexparser
import pytest

from geo.engine import citations
from geo.records.documents import Document, DocumentDates, TextSource

TODAY = date(2025, 1, 2)


def parse_bibtex(text: str) -> list[dict[str, str]]:
    """The entries as bibtexparser (a maintained BibTeX parser) reads them, outer braces removed.

    Fails on any block the parser cannot read (an unbalanced brace, a bad key), on any text
    between entries, and on a special character outside the url field that BibTeX itself would
    misread: bibtexparser keeps such characters as written, so that check stays ours.
    """
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [block.raw for block in library.failed_blocks]
    assert len(library.blocks) == len(library.entries), "text outside the entries"
    entries = []
    for item in library.entries:
        entry = {"ENTRYTYPE": item.entry_type, "ID": item.key}
        for field in item.fields:
            value = str(field.value)
            if field.key != "url":
                unescaped = re.sub(r"\\(?:[{}&%$#_]|text\w+\{\})", "", value)
                assert not re.search(r"[&%$#_~^\\]", unescaped), (field.key, value)
            entry[field.key] = value
        entries.append(entry)
    return entries


def _sevres() -> Document:
    dates = DocumentDates(date(1920, 8, 10), None, None, True, "")
    edition = "Carnegie 1924 {vol. II} & 100% _ok_"
    text = TextSource("sources/texts/x.en.md", "en", edition, "partial")
    return Document(
        id="treaty-of-sevres-1920",
        title="Treaty of Peace with Turkey signed at Sèvres $ # ~ ^ \\",
        short_title="Treaty of Sèvres",
        kind="treaty",
        dates=dates,
        parties=("British Empire", "Turkey (Ottoman government)"),
        summary="",
        context=None,
        texts=(text,),
        articles=(),
        sources=("https://example.org/sevres",),
    )


@pytest.fixture
def sevres() -> citations.Citable:
    return citations.document(
        _sevres(), "http://localhost:8501/treaties?doc=treaty-of-sevres-1920", TODAY, "2025.01-abc"
    )


def test_document_bibtex_parses_and_keeps_the_facts(sevres: citations.Citable) -> None:
    [entry] = parse_bibtex(citations.as_bibtex(sevres))
    assert entry["ID"] == "treaty-of-sevres-1920"
    assert entry["date"] == "1920-08-10"
    assert entry["version"] == "2025.01-abc"
    assert entry["url"] == "http://localhost:8501/treaties?doc=treaty-of-sevres-1920"
    assert entry["author"] == "{British Empire} and {Turkey (Ottoman government)}"
    assert r"100\% \_ok\_" in entry["howpublished"]
    assert "Never came into force" in entry["note"]


def test_document_csl_json_has_the_required_keys(sevres: citations.Citable) -> None:
    [item] = json.loads(citations.as_csl_json(sevres))
    assert item["type"] == "treaty"
    assert item["title"].startswith("Treaty of Peace with Turkey")
    assert item["issued"] == {"date-parts": [[1920, 8, 10]]}
    assert item["URL"].endswith("doc=treaty-of-sevres-1920")
    assert item["version"] == "2025.01-abc"
    assert item["accessed"] == {"date-parts": [[2025, 1, 2]]}


def test_text_citation_names_title_date_edition_url_and_version(
    sevres: citations.Citable,
) -> None:
    text = citations.as_text(sevres)
    for part in ("Treaty of Peace with Turkey", "1920-08-10", "Carnegie 1924", "2025.01-abc",
                 "doc=treaty-of-sevres-1920", "accessed 2025-01-02"):
        assert part in text


def test_map_view_citation_is_issued_when_viewed_and_names_the_shown_date() -> None:
    url = "http://localhost:8501/?date=1921-03-16&region=batumi"
    view = citations.map_view(date(1921, 3, 16), url, TODAY, "Batumi", "batumi", "v1")
    [entry] = parse_bibtex(citations.as_bibtex(view))
    assert entry["ID"] == "borderlands-atlas-1921-03-16-batumi"
    assert entry["url"] == url
    assert "1921-03-16" in entry["title"] and "Batumi" in entry["title"]
    [item] = json.loads(citations.as_csl_json(view))
    assert item["type"] == "map"
    assert item["issued"] == {"date-parts": [[2025, 1, 2]]}
    assert item["version"] == "v1"


def test_url_with_braces_or_percent_cannot_break_the_entry() -> None:
    view = citations.map_view(date(1921, 1, 1), "http://h/?x=}{%\\", TODAY)
    [entry] = parse_bibtex(citations.as_bibtex(view))
    assert entry["url"] == "http://h/?x=%7D%7B%25%5C"
