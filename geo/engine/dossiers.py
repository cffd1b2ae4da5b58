"""What the region dossiers and the document filters need to know about one region.

A document "concerns" a region when one of its articles names the region, or when the chronology
or a claim rests on it for that region. Both routes are needed: the Treaty of Kars has no
articles entered for Oltu, yet Oltu's Turkish period is based on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from geo.engine.search import Alias
from geo.records.documents import Document
from geo.records.model import Claim, Period, Unit, map_changes

LANGUAGE_NAMES = {
    "en": "English",
    "tr": "Turkish",
    "ru": "Russian",
    "hy": "Armenian",
    "ka": "Georgian",
    "az": "Azerbaijani",
}
DOSSIER_KINDS = ("focus", "straits")


class AtlasLike(Protocol):
    units: dict[str, Unit]
    documents: dict[str, Document]

    def history(self, unit_id: str) -> list[Period]: ...

    def claims_of(self, unit_id: str) -> list[Claim]: ...


def dossier_units(atlas: AtlasLike) -> list[Unit]:
    """Focus regions first, then the Straits units, each in file (id) order."""
    return sorted(
        (u for u in atlas.units.values() if u.kind in DOSSIER_KINDS),
        key=lambda u: (DOSSIER_KINDS.index(u.kind), u.id),
    )


def change_days(atlas: AtlasLike, unit_id: str) -> list[date]:
    """First days of the periods a reader would see as a change (``model.map_changes``)."""
    days: list[date] = []
    previous: Period | None = None
    for period in atlas.history(unit_id):
        if previous is None or map_changes(previous, period):
            days.append(period.start)
        previous = period
    return days


def regions_of(atlas: AtlasLike, doc_id: str) -> set[str]:
    """Every unit a document concerns, by its articles or as the basis of a period or claim."""
    doc = atlas.documents.get(doc_id)
    found = {r for a in doc.articles for r in a.regions} if doc else set()
    for unit_id in atlas.units:
        records: list[Period | Claim] = [*atlas.history(unit_id), *atlas.claims_of(unit_id)]
        if any(record.basis_doc == doc_id for record in records):
            found.add(unit_id)
    return found


def documents_for(atlas: AtlasLike, unit_id: str) -> list[Document]:
    """Documents concerning ``unit_id``, oldest first (undated ones last)."""
    docs = [d for d in atlas.documents.values() if unit_id in regions_of(atlas, d.id)]
    return sorted(docs, key=lambda d: d.sort_key)


def local_names(unit: Unit, aliases: Sequence[Alias] = ()) -> list[tuple[str, str]]:
    """(language, name) pairs, English first: the unit's own names, then the search aliases
    that belong to the unit itself (not to a place inside it) in a language it lacks a name in.
    """
    pairs = [("English", unit.name_en)]
    pairs += [(LANGUAGE_NAMES.get(lang, lang), name) for lang, name in unit.names.items() if name]
    pairs += [
        (LANGUAGE_NAMES.get(a.language, a.language), a.name)
        for a in aliases
        if a.kind == "region" and a.target == unit.id and not a.place
        and a.language not in unit.names and a.language != "en"
    ]
    return pairs
