"""Find regions, documents and events by any spelling a reader is likely to type.

Place names in this region come in five scripts and a dozen transliterations (Batum, Batoum,
Batumi; Naxçıvan, Nakhichevan, Нахичевань). A reader should not need to know which one the data
uses, so every name is reduced to a folded key — accents, case and a few letters that Unicode
does not decompose (ı, ə, ł, ø…) are flattened — and the query is folded the same way.
"""

from __future__ import annotations

import csv
import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo.paths import DATA
from geo.records.documents import Document
from geo.records.model import Event, Unit

ALIASES_CSV = DATA / "search_aliases.csv"

# Letters that NFKD leaves whole; mapped to the Latin letter a reader would type instead.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ə": "e",
        "Ə": "e",
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ħ": "h",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "ʼ": "",
        "’": "",
        "'": "",
        "‘": "",
        "ʻ": "",
        "`": "",
    }
)

KINDS_ORDER = ("region", "document", "event")
FUZZY_MIN = 0.8  # similarity below which a spelling no longer counts as the same name


def normalize(text: str) -> str:
    """Fold text to the key that both names and queries are compared on.

    Punctuation and dashes become spaces, so "Kars–Ardahan" and "Kars Ardahan" meet; runs of
    spaces collapse so that the key is stable however the source was typed.
    """
    text = text.translate(_SPECIAL_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.casefold().translate(_SPECIAL_LETTERS)
    cleaned = "".join(ch if ch.isalnum() else " " for ch in folded)
    return " ".join(cleaned.split())


@dataclass(frozen=True)
class Entry:
    """One thing a search can land on, with every name it is known by."""

    kind: str  # "region", "document" or "event"
    id: str
    label: str
    names: tuple[str, ...]
    detail: str = ""
    page: str = ""  # url path of the page that shows it ("" is the Atlas at "/")
    params: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float
    matched: str  # the name (as written in the data) that matched


@dataclass(frozen=True)
class Alias:
    """An extra spelling kept in data because no unit or document record carries it."""

    kind: str  # "region" (target is a unit id) or "document" (target is a document id)
    target: str
    place: str  # set when the name belongs to a place inside the unit rather than the unit
    name: str
    language: str
    sources: str


def load_aliases(path: Path = ALIASES_CSV) -> list[Alias]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Alias(
                row["kind"], row["target"], row["place"], row["name"], row["language"],
                row["sources"],
            )
            for row in csv.DictReader(fh)
        ]


def _score(query: str, key: str) -> float:
    """Rank how well a folded query matches one folded name (0 means no match).

    Exact and prefix matches beat a match inside a word; a close spelling (one or two letters
    off, as in "Ardagan"/"Ardahan" typos) still counts for queries long enough to be
    meaningful, but ranks below any literal match.
    """
    if not query or not key:
        return 0.0
    if key == query:
        return 100.0
    if key.startswith(query):
        return 80.0
    words = key.split()
    if any(word.startswith(query) for word in words):
        return 60.0
    if query in key:
        return 40.0
    if len(query) >= 4:
        best = max(_close(query, candidate) for candidate in [key, *words])
        if best >= FUZZY_MIN:
            return 20.0 * best
    return 0.0


def _close(query: str, candidate: str) -> float:
    """Similarity ratio, skipping the full comparison when the cheap upper bounds rule it out."""
    matcher = difflib.SequenceMatcher(None, query, candidate)
    if matcher.real_quick_ratio() < FUZZY_MIN or matcher.quick_ratio() < FUZZY_MIN:
        return 0.0
    return matcher.ratio()


class SearchIndex:
    """Folded names of every entry, searched by linear scan (a few hundred names at most)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        self._keys = [
            (entry, name, normalize(name)) for entry in self.entries for name in entry.names
        ]

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        folded = normalize(query)
        if not folded:
            return []
        best: dict[tuple[str, str], Hit] = {}
        for entry, name, key in self._keys:
            score = _score(folded, key)
            if score <= 0:
                continue
            slot = (entry.kind, entry.id)
            if slot not in best or score > best[slot].score:
                best[slot] = Hit(entry, score, name)
        ranked = sorted(
            best.values(),
            key=lambda h: (-h.score, KINDS_ORDER.index(h.entry.kind), h.entry.label),
        )
        return ranked[:limit]


def _region_entries(units: Iterable[Unit], aliases: list[Alias]) -> list[Entry]:
    entries = []
    for unit in units:
        own = [
            a.name for a in aliases if a.kind == "region" and a.target == unit.id and not a.place
        ]
        names = (unit.name_en, *unit.names.values(), *unit.alt_names, *own)
        dossier = unit.kind in ("focus", "straits")
        entries.append(
            Entry(
                kind="region",
                id=unit.id,
                label=unit.name_en,
                names=tuple(dict.fromkeys(n for n in names if n)),
                detail=unit.historical_unit,
                page="regions" if dossier else "",
                params={"region": unit.id},
            )
        )
    return entries


def _place_entries(units: dict[str, Unit], aliases: list[Alias]) -> list[Entry]:
    """Places that are not units of their own (Gyumri) land on the unit they lie in."""
    places: dict[tuple[str, str], list[str]] = {}
    for alias in aliases:
        if alias.kind == "region" and alias.place and alias.target in units:
            places.setdefault((alias.target, alias.place), []).append(alias.name)
    return [
        Entry(
            kind="region",
            id=target,
            label=f"{place} (in {units[target].name_en})",
            names=(place, *names),
            detail=f"a place inside the {units[target].name_en} unit",
            page="",
            params={"region": target},
        )
        for (target, place), names in sorted(places.items())
    ]


def build_index(
    units: dict[str, Unit],
    documents: dict[str, Document],
    events: Iterable[Event],
    aliases: list[Alias] | None = None,
) -> SearchIndex:
    """Index every unit, document and event under every name the data (and aliases) give it."""
    aliases = load_aliases() if aliases is None else aliases
    entries = _region_entries(units.values(), aliases) + _place_entries(units, aliases)
    for doc in documents.values():
        extra = [a.name for a in aliases if a.kind == "document" and a.target == doc.id]
        signed = doc.dates.signed.isoformat() if doc.dates.signed else ""
        entries.append(
            Entry(
                kind="document",
                id=doc.id,
                label=doc.short_title or doc.title,
                names=tuple(dict.fromkeys((doc.short_title, doc.title, *extra))),
                detail=signed,
                page="treaties",
                params={"doc": doc.id},
            )
        )
    for event in events:
        entries.append(
            Entry(
                kind="event",
                id=event.id,
                label=event.title,
                names=(event.title,),
                detail=event.date.isoformat(),
                page="timeline",
                params={"event": event.id},
            )
        )
    return SearchIndex(entries)
