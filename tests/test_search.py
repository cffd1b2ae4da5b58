"""Search must find every region, document and event by any spelling a reader may type."""

from __future__ import annotations

from datetime import date

import pytest

from geo.engine.search import Alias, SearchIndex, build_index, load_aliases, normalize
from geo.engine.timeline import Atlas
from geo.records.documents import Document, DocumentDates
from geo.records.loaders import load_tables
from geo.records.model import Event, Unit


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Naxçıvan", "naxcivan"),
        ("NAXÇIVAN", "naxcivan"),
        ("Kağızman", "kagizman"),
        ("Iğdır", "igdir"),
        ("Gümrü", "gumru"),
        ("Sèvres", "sevres"),
        ("Şavşat", "savsat"),
        ("Qəbələ", "qebele"),
        ("Карс", "карс"),
        ("Կարս", "կարս"),
        ("Kars–Ardahan", "kars ardahan"),
        ("  Batum ,  Batoum ", "batum batoum"),
    ],
)
def test_normalize_folds_case_accents_and_special_letters(text: str, folded: str) -> None:
    assert normalize(text) == folded


def _unit(uid: str, kind: str, name: str, names: dict[str, str], alt: tuple[str, ...]) -> Unit:
    return Unit(id=uid, kind=kind, name_en=name, names=names, alt_names=alt)


def _document(doc_id: str, title: str, short: str) -> Document:
    dates = DocumentDates(date(1921, 3, 16), None, None, False, "")
    return Document(doc_id, title, short, "treaty", dates, (), "", None, (), (), ())


UNITS = {
    u.id: u
    for u in (
        _unit("batumi", "focus", "Batumi", {"ka": "ბათუმი", "ru": "Батум"}, ("Batum", "Batoum")),
        _unit("nakhchivan", "focus", "Nakhchivan", {"az": "Naxçıvan"}, ("Nakhichevan",)),
        _unit("ardahan", "focus", "Ardahan", {"ru": "Ардаган"}, ("Ardagan",)),
        _unit("kars", "focus", "Kars", {"ru": "Карс", "hy": "Կարս"}, ()),
        _unit("straits-imbros", "straits", "Imbros", {"tr": "Gökçeada"}, ("İmroz",)),
        _unit("armenia", "context", "Armenia", {}, ()),
    )
}
DOCUMENTS = {
    "treaty-of-moscow-1921": _document(
        "treaty-of-moscow-1921", "Treaty of Friendship and Brotherhood", "Treaty of Moscow"
    ),
    "treaty-of-alexandropol-1920": _document(
        "treaty-of-alexandropol-1920", "Treaty of Alexandropol", "Treaty of Alexandropol"
    ),
}
EVENTS = [Event(date(1921, 2, 25), "red-army-tbilisi", "Red Army enters Tbilisi", "war", "")]
ALIASES = [
    Alias("region", "armenia", "Gyumri", "Gümrü", "tr", "https://example.org"),
    Alias("region", "armenia", "Gyumri", "Leninakan", "en", "https://example.org"),
    Alias("document", "treaty-of-alexandropol-1920", "", "Gümrü Antlaşması", "tr", "https://x"),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return build_index(UNITS, DOCUMENTS, EVENTS, ALIASES)


def _first(index: SearchIndex, query: str) -> tuple[str, str]:
    hits = index.search(query)
    assert hits, f"nothing found for {query!r}"
    return hits[0].entry.kind, hits[0].entry.id


@pytest.mark.parametrize(
    ("query", "unit"),
    [
        ("Batum", "batumi"),
        ("batoum", "batumi"),
        ("BATUMI", "batumi"),
        ("Nakhichevan", "nakhchivan"),
        ("Naxçıvan", "nakhchivan"),
        ("naxcivan", "nakhchivan"),
        ("Nakhchivan", "nakhchivan"),
        ("Ardagan", "ardahan"),
        ("ardahan", "ardahan"),
        ("Карс", "kars"),
        ("Կարս", "kars"),
        ("kars", "kars"),
        ("gokceada", "straits-imbros"),
        ("imroz", "straits-imbros"),
    ],
)
def test_finds_regions_by_any_spelling(index: SearchIndex, query: str, unit: str) -> None:
    assert _first(index, query) == ("region", unit)


def test_dossier_regions_link_to_regions_page_context_to_atlas(index: SearchIndex) -> None:
    kars = index.search("Kars")[0].entry
    assert (kars.page, kars.params) == ("regions", {"region": "kars"})
    armenia = index.search("Armenia")[0].entry
    assert (armenia.page, armenia.params) == ("", {"region": "armenia"})


@pytest.mark.parametrize("query", ["Gümrü", "gumru", "Leninakan"])
def test_context_places_land_on_their_unit(index: SearchIndex, query: str) -> None:
    hit = index.search(query)[0]
    assert hit.entry.params == {"region": "armenia"}
    assert hit.entry.label.startswith("Gyumri")


def test_documents_and_events_are_found_with_their_pages(index: SearchIndex) -> None:
    doc = index.search("treaty of moscow")[0].entry
    assert (doc.kind, doc.page, doc.params) == (
        "document", "treaties", {"doc": "treaty-of-moscow-1921"}
    )
    assert _first(index, "Gümrü Antlaşması") == ("document", "treaty-of-alexandropol-1920")
    event = index.search("tbilisi")[0].entry
    assert (event.kind, event.page, event.params) == (
        "event", "timeline", {"event": "red-army-tbilisi"}
    )


def test_close_misspellings_rank_below_literal_matches(index: SearchIndex) -> None:
    assert _first(index, "Ardahn") == ("region", "ardahan")
    assert index.search("zzzz") == []
    assert index.search("  ") == []


def test_alias_file_is_sourced_and_targets_known_ids() -> None:
    tables = load_tables()
    aliases = load_aliases()
    assert aliases
    for alias in aliases:
        assert alias.kind in ("region", "document")
        assert alias.name.strip()
        assert all(s.startswith("https://") for s in alias.sources.split(" | "))
        known = tables.units if alias.kind == "region" else tables.documents
        assert alias.target in known, alias


@pytest.fixture(scope="module")
def real_index() -> SearchIndex:
    atlas = Atlas.load()
    return build_index(atlas.units, atlas.documents, atlas.events)


@pytest.mark.parametrize(
    ("query", "kind", "target"),
    [
        ("Batum", "region", "batumi"),
        ("Batoum", "region", "batumi"),
        ("Nakhichevan", "region", "nakhchivan"),
        ("Naxçıvan", "region", "nakhchivan"),
        ("Ardagan", "region", "ardahan"),
        ("Карс", "region", "kars"),
        ("Կարս", "region", "kars"),
        ("Leninakan", "region", "armenia"),
        ("Gümrü", "region", "armenia"),
        ("Alexandropol", "document", "treaty-of-alexandropol-1920"),
        ("lozan antlasmasi", "document", "treaty-of-lausanne-1923"),
        ("sevres", "document", "treaty-of-sevres-1920"),
    ],
)
def test_real_data_finds_every_spelling(real_index: SearchIndex, query: str, kind: str,
                                       target: str) -> None:
    hits = real_index.search(query)[:3]
    assert any((h.entry.kind, h.entry.id) == (kind, target) for h in hits)
