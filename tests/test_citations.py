"""Citations must be machine-readable: BibTeX that parses and CSL-JSON with the required keys."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from geo.engine import citations
from geo.records.documents import Document, DocumentDates, TextSource

TODAY = date(2025, 1, 2)


def parse_bibtex(text: str) -> list[dict[str, str]]:
    """A strict little BibTeX reader: entries of brace-delimited fields, braces balanced.

    It rejects anything a real BibTeX would stumble on: an unescaped special character outside
    the url field, an unbalanced brace, a key with spaces, or text between entries.
    """
    entries = []
    pos = 0
    head = re.compile(r"\s*@(\w+)\{([A-Za-z0-9_:-]+),\n")
    field = re.compile(r"\s*(\w+) = \{")
    while pos < len(text):
        if not text[pos:].strip():
            break
        m = head.match(text, pos)
        assert m, f"bad entry start at {text[pos:pos + 40]!r}"
        entry = {"ENTRYTYPE": m.group(1), "ID": m.group(2)}
        pos = m.end()
        while True:
            f = field.match(text, pos)
            assert f, f"bad field at {text[pos:pos + 40]!r}"
            depth, i = 1, f.end()
            while depth:
                ch = text[i]
                if ch == "\\":
                    i += 2
                    continue
                depth += {"{": 1, "}": -1}.get(ch, 0)
                i += 1
            value = text[f.end() : i - 1]
            if f.group(1) != "url":
                unescaped = re.sub(r"\\(?:[{}&%$#_]|text\w+\{\})", "", value)
                assert not re.search(r"[&%$#_~^\\]", unescaped), (f.group(1), value)
            entry[f.group(1)] = value
            pos = i
            if text.startswith(",\n", pos):
                pos += 2
            elif text.startswith("\n}", pos):
                pos += 2
                break
            else:
                raise AssertionError(f"expected , or }} at {text[pos:pos + 20]!r}")
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
