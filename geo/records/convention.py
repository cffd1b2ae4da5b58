"""The legal-status convention (docs/LEGAL-STATUS-CONVENTION.md), as far as a program can check it.

The chronology once mixed readings: one unit turned sovereign at a treaty's signature, another
waited for entry into force, and a treaty that ceded nothing was read as a cession. These checks
make such mixtures a validation error, and ``reading_note`` tells the region panel which reading
the atlas chose for a period and what the other reading's date would be.

Checked here:

- a ``sovereign`` or ``autonomous`` period whose basis is a document must rest on one that
  transfers or confirms title (``title_effect``), never on one that never came into force;
- a ``demilitarized`` period rests on a regime instrument that was in force on its first day;
- a title document is read the same way in every unit: title from signature, or from a later
  handover, never from ratification or entry into force (the convention is signature);
- an ``occupied`` period does not run open-ended to the end of the study range without a note.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from geo.records.documents import Document
from geo.records.model import Period

CONVENTION_DOC = Path(__file__).resolve().parents[2] / "docs" / "LEGAL-STATUS-CONVENTION.md"

TITLE_STATUSES = ("sovereign", "autonomous")
TITLE_EFFECTS_FOR_TITLE = ("transfers", "confirms")
REGIME_STATUS = "demilitarized"


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def title_problems(where: str, period: Period, doc: Document) -> list[str]:
    """A title period rests on a document in force that transfers or confirms title."""
    problems = []
    title_period = period.status in TITLE_STATUSES and not period.regime
    if title_period and doc.title_effect not in TITLE_EFFECTS_FOR_TITLE:
        problems.append(
            f"{where}: {period.status} period rests on {doc.id!r}, which does not transfer or "
            f"confirm title (title_effect {doc.title_effect or 'unset'!r})"
        )
    if period.status in (*TITLE_STATUSES, REGIME_STATUS) and doc.dates.never_in_force:
        problems.append(
            f"{where}: {period.status} period rests on {doc.id!r}, which never came into force"
        )
    return problems


def regime_problems(where: str, period: Period, doc: Document) -> list[str]:
    """A demilitarised period starts no earlier than its regime instrument's entry into force."""
    if period.status != REGIME_STATUS:
        return []
    problems = []
    if doc.title_effect != "regime":
        problems.append(f"{where}: demilitarized period rests on {doc.id!r}, which sets no regime")
    in_force = doc.dates.in_force
    if in_force and period.start < in_force:
        problems.append(
            f"{where}: demilitarized from {period.start}, before {doc.id!r} came into force "
            f"({in_force})"
        )
    return problems


def reading(period: Period, doc: Document) -> str:
    """Which date of ``doc`` a title period starts on: signature, ratification, in force, later."""
    dates = doc.dates
    if period.start == dates.signed:
        return "signature"
    if period.start == dates.ratified:
        return "ratification"
    if period.start == dates.in_force:
        return "entry into force"
    return "later handover"


def reading_problems(periods: list[Period], documents: dict[str, Document]) -> list[str]:
    """Title comes from signature (or a later handover); one reading per document everywhere."""
    problems = []
    used: dict[str, set[str]] = defaultdict(set)
    for period in periods:
        doc = documents.get(period.basis_doc)
        if doc is None or period.status not in TITLE_STATUSES or period.regime:
            continue
        if doc.title_effect not in TITLE_EFFECTS_FOR_TITLE:
            continue
        found = reading(period, doc)
        used[doc.id].add(found)
        if found in ("ratification", "entry into force"):
            problems.append(
                f"chronology.csv:{period.line}: title dated from the {found} of {doc.id!r}; the "
                f"convention dates title from signature ({doc.dates.signed}) or a later handover"
            )
    for doc_id, readings in sorted(used.items()):
        if len(readings - {"later handover"}) > 1:
            problems.append(
                f"documents/{doc_id}: read differently in different units "
                f"({', '.join(sorted(readings))})"
            )
    return problems


def occupation_problems(periods: list[Period]) -> list[str]:
    """An occupation ends at an event or a document; open-ended ones must say why in the note."""
    return [
        f"chronology.csv:{period.line}: occupation without an end and without a note"
        for period in periods
        if period.status == "occupied" and period.end is None and not period.note
    ]


def convention_problems(periods: list[Period], documents: dict[str, Document]) -> list[str]:
    """Every convention problem in the chronology (unknown documents are reported elsewhere)."""
    problems = []
    for period in periods:
        doc = documents.get(period.basis_doc)
        if doc is None:
            continue
        where = f"chronology.csv:{period.line}"
        problems += title_problems(where, period, doc)
        problems += regime_problems(where, period, doc)
    problems += reading_problems(periods, documents)
    problems += occupation_problems(periods)
    return problems


def reading_note(period: Period, doc: Document | None) -> str:
    """What the panel says when the convention, not the sources, fixed a title period's start.

    Empty when the period is not a title period resting on a title document, or when the
    document has no ratification or entry-into-force date that would give another reading.
    """
    if doc is None or period.status not in TITLE_STATUSES or period.regime:
        return ""
    if doc.title_effect not in TITLE_EFFECTS_FOR_TITLE or not doc.dates.signed:
        return ""
    others = []
    if doc.dates.ratified and doc.dates.ratified != doc.dates.signed:
        others.append(f"ratified {_long(doc.dates.ratified)}")
    if doc.dates.in_force and doc.dates.in_force != doc.dates.signed:
        others.append(f"in force {_long(doc.dates.in_force)}")
    signed = _long(doc.dates.signed)
    if period.start == doc.dates.signed:
        head = f"By convention: title from signature ({signed})"
    else:
        head = (f"By convention: title from signature ({signed}); drawn from the handover on "
                f"{_long(period.start)}")
    if not others:
        return f"{head}; no ratification or entry into force recorded."
    return f"{head}; {', '.join(others)}."


def convention_markdown(path: Path = CONVENTION_DOC) -> str:
    """The written convention, for the Sources page (the project's own Markdown)."""
    return path.read_text(encoding="utf-8") if path.is_file() else ""
