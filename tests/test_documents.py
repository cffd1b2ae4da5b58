"""Documents: the quotation check itself; the document rules are tested in test_data_rules.py."""

from __future__ import annotations

import pytest

from geo.paths import shared_available
from geo.records.documents import check_quotes, parse_document, quotable_text
from geo.records.loaders import load_tables


@pytest.fixture(scope="module")
def documents():
    return load_tables().documents


@pytest.mark.skipif(not shared_available(), reason="shared folder beside the checkout is absent")
def test_every_quotation_is_verbatim_in_its_source(documents):
    """THE quotation test: an invented or retyped quotation fails here."""
    problems = check_quotes(documents)
    assert not problems, "\n".join(problems)


def test_check_quotes_reports_skipped_without_shared_folder(documents, tmp_path):
    result = check_quotes(documents, shared=tmp_path / "nowhere")
    assert len(result) == 1 and result[0].startswith("skipped:")


def _one_quote_document(file: str, text: str):
    return {
        "x": parse_document({
            "id": "x", "title": "X", "short_title": "X", "kind": "note",
            "dates": {"signed": "1946-08-07"}, "parties": ["A"], "summary": "s",
            "texts": [{"file": file, "language": "en", "edition": "e",
                       "completeness": "partial"}],
            "articles": [{"article": "1", "summary": "s",
                          "quotes": [{"file": file, "text": text}]}],
            "sources": ["https://example.org/x"],
        })
    }


def test_check_quotes_catches_a_retyped_quotation(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "t.md").write_text(
        "---\nid: t\nnote: words only in front matter\n---\nThe Straits shall be open.\n",
        encoding="utf-8",
    )
    assert check_quotes(_one_quote_document("sources/t.md", "Straits shall be open."),
                        shared=tmp_path) == []
    for bad in ("The Straits will be open.", "words only in front matter"):
        problems = check_quotes(_one_quote_document("sources/t.md", bad), shared=tmp_path)
        assert len(problems) == 1 and "not verbatim" in problems[0]
    missing = check_quotes(_one_quote_document("sources/none.md", "x"), shared=tmp_path)
    assert "not found" in missing[0]


def test_quotable_text_drops_apparatus():
    raw = "---\na: 1\n---\nText one <!-- EDITORIAL: x -->two\n### Compiler's note\nmine\n"
    body = quotable_text(raw)
    assert "Text one" in body and "two" in body
    assert "one two" not in body and "EDITORIAL" not in body and "mine" not in body
