"""Documents: schema checks, and proof that every quotation is verbatim in its source."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from geo.paths import DATA, shared_available, shared_dir
from geo.records.documents import (
    DOCUMENTS_DIR,
    check_quotes,
    document_problems,
    parse_document,
    quotable_text,
)
from geo.records.loaders import load_tables

EXPECTED_IDS = {
    "lausanne-declaration-straits-fleets-1923",
    "us-note-straits-1945-11-02",
    "soviet-note-straits-1946-09-24",
    "us-note-straits-1946-10-09",
    "treaty-of-berlin-1878",
    "treaty-of-brest-litovsk-1918",
    "russo-turkish-supplementary-treaty-1918",
    "treaty-of-batum-1918-ottoman-armenia",
    "treaty-of-batum-1918-ottoman-azerbaijan",
    "armistice-of-mudros-1918",
    "treaty-of-sevres-1920",
    "wilson-arbitral-award-1920",
    "treaty-of-alexandropol-1920",
    "treaty-of-moscow-1921",
    "treaty-of-kars-1921",
    "treaty-of-lausanne-1923",
    "lausanne-straits-convention-1923",
    "lausanne-protocol-imbros-tenedos-1923",
    "soviet-turkish-treaty-1925",
    "montreux-convention-1936",
    "soviet-denunciation-1925-treaty-1945",
    "soviet-demands-1945-06-07",
    "potsdam-protocol-1945",
    "soviet-note-straits-1946-08-07",
    "turkish-reply-straits-1946-08-22",
    "truman-doctrine-1947",
    "nato-accession-protocol-1951",
    "soviet-note-renouncing-claims-1953",
    "cia-intelligence-soviet-note-1953",
    "karsky-ataturk-conversation-1937",
}

# The fixed unit list of docs/DESIGN.md; units.csv may add context units beyond it.
DESIGN_UNITS = {
    "kars", "kagizman", "ardahan", "oltu", "artvin", "igdir", "batumi", "nakhchivan",
    "straits-gallipoli", "straits-dardanelles-asia", "straits-bosporus-europe",
    "straits-bosporus-asia", "straits-marmara-islands", "straits-imbros", "straits-tenedos",
    "straits-rabbit-islands", "straits-lemnos", "straits-samothrace",
    "lazistan-east", "anatolia", "eastern-thrace", "georgia", "armenia", "azerbaijan", "iran",
    "north-caucasus", "crimea-ukraine", "greece", "bulgaria", "romania", "balkans-west", "syria",
    "lebanon", "iraq", "cyprus",
}
RANGE = ("1878-07-13", "1991-12-26")


def known_units() -> set[str]:
    units_csv = DATA / "units.csv"
    if not units_csv.is_file():
        return DESIGN_UNITS
    with units_csv.open(encoding="utf-8", newline="") as fh:
        return DESIGN_UNITS | {row["id"] for row in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def documents():
    return load_tables().documents


def test_ids_and_file_names(documents):
    stems = {p.stem for p in DOCUMENTS_DIR.glob("*.yaml")}
    assert set(documents) == stems
    assert stems <= EXPECTED_IDS, sorted(stems - EXPECTED_IDS)


def test_every_expected_document_present(documents):
    assert not EXPECTED_IDS - set(documents), sorted(EXPECTED_IDS - set(documents))


def test_schema(documents):
    units = known_units()
    problems = [p for d in documents.values() for p in document_problems(d, d.id, units)]
    assert not problems, "\n".join(problems)


def test_show_on_map_inside_study_range(documents):
    for doc in documents.values():
        for art in doc.articles:
            if art.show_on_map:
                assert RANGE[0] <= art.show_on_map.isoformat() <= RANGE[1], (doc.id, art.article)


def test_text_files_are_relative_and_portable(documents):
    for doc in documents.values():
        for text in doc.texts:
            path = Path(text.file)
            assert not path.is_absolute() and ".." not in path.parts, text.file
            assert path.parts[0] in {"sources", "seeds"}, text.file


def test_non_english_quotes_carry_a_gloss(documents):
    languages = {t.file: t.language for d in documents.values() for t in d.texts}
    missing = [
        (doc.id, art.article, q.text[:40])
        for doc in documents.values()
        for art in doc.articles
        for q in art.quotes
        if languages[q.file] != "en" and not q.gloss
    ]
    assert not missing, missing


def test_sevres_never_in_force(documents):
    dates = documents["treaty-of-sevres-1920"].dates
    assert dates.never_in_force and dates.in_force is None


def test_yaml_is_plain_and_ordered():
    for path in sorted(DOCUMENTS_DIR.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert list(raw)[:3] == ["id", "title", "short_title"], path.name


@pytest.mark.skipif(not shared_available(), reason="shared folder beside the checkout is absent")
def test_every_quotation_is_verbatim_in_its_source(documents):
    """THE quotation test: an invented or retyped quotation fails here."""
    problems = check_quotes(documents)
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(not shared_available(), reason="shared folder beside the checkout is absent")
def test_every_listed_text_exists(documents):
    missing = [t.file for d in documents.values() for t in d.texts
               if not (shared_dir() / t.file).is_file()]
    assert not missing, missing


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
