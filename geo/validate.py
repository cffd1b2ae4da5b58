"""Command line: check everything under ``data/`` and list every problem found.

    python -m geo.validate

A wrong border or date is the worst bug this project can have, and the data is written by
several people at once, so the checks are exhaustive rather than fail-fast: one run shows every
gap, overlap, dangling reference, missing source and non-verbatim quotation. Exit status is 1
when anything is wrong, 0 when the data is clean.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path

import shapely
from shapely.errors import ShapelyError
from shapely.geometry import shape

from geo.engine.timeline import Atlas
from geo.paths import DATA, shared_dir
from geo.pipeline import texts
from geo.records.convention import convention_problems
from geo.records.documents import check_quotes, document_problems
from geo.records.loaders import Tables, load_tables
from geo.records.model import RANGE_END, RANGE_START, Claim, Period
from geo.records.rules import history_rule_problems
from geo.records.schema import table_problems
from geo.records.source_classes import source_class_problems
from geo.records.table_schemas import REFERENCE_TABLES
from geo.records.tours import TourError, check_against_history, loads, shipped_tour_problems

SKIPPED_PREFIX = "skipped:"


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, problems: Iterable[str]) -> None:
        self.problems.extend(problems)

    @property
    def summary(self) -> str:
        counts = ", ".join(f"{count} {name}" for name, count in self.counts.items())
        verdict = f"{len(self.problems)} problem(s)" if self.problems else "no problems"
        return f"{counts}: {verdict}"


def geometry_problems(tables: Tables) -> list[str]:
    """Each unit drawn once with a valid polygon, and the units together a clean coverage."""
    problems = []
    for unit_id in sorted(set(tables.units) - set(tables.geometries)):
        problems.append(f"units.geojson: unit {unit_id!r} has no geometry")
    for unit_id in sorted(set(tables.geometries) - set(tables.units)):
        problems.append(f"units.geojson: feature {unit_id!r} is not in units.csv")
    ids, geometries = [], []
    for unit_id, geojson in sorted(tables.geometries.items()):
        try:
            geometry = shape(geojson)
        except (ValueError, TypeError, AttributeError, KeyError, ShapelyError) as error:
            problems.append(f"units.geojson: unit {unit_id!r}: unreadable geometry ({error})")
            continue
        if geometry.geom_type not in ("Polygon", "MultiPolygon") or geometry.is_empty:
            problems.append(f"units.geojson: unit {unit_id!r}: {geometry.geom_type} is not an area")
            continue
        if not geometry.is_valid:
            reason = shapely.is_valid_reason(geometry)
            problems.append(f"units.geojson: unit {unit_id!r}: invalid geometry ({reason})")
            continue
        ids.append(unit_id)
        geometries.append(geometry)
    if geometries and not shapely.coverage_is_valid(geometries):
        edges = shapely.coverage_invalid_edges(geometries)
        for unit_id, edge in zip(ids, edges, strict=True):
            if not edge.is_empty:
                near = edge.representative_point()
                problems.append(
                    f"units.geojson: unit {unit_id!r}: coverage broken (overlap or unmatched "
                    f"edge near {near.x:.4f}, {near.y:.4f})"
                )
    return problems


def coverage_in_time_problems(tables: Tables) -> list[str]:
    """Exactly one holder per unit on every day of the range: no gap, no overlap."""
    problems = []
    by_unit: dict[str, list[Period]] = defaultdict(list)
    for period in tables.periods:
        by_unit[period.unit].append(period)
    for unit_id in sorted(tables.units):
        periods = sorted(by_unit.get(unit_id, []), key=lambda period: period.start)
        where = f"chronology.csv: unit {unit_id!r}"
        if not periods:
            problems.append(f"{where}: no holder at all")
            continue
        if periods[0].start > RANGE_START:
            problems.append(f"{where}: no holder from {RANGE_START} to {periods[0].start}")
        for previous, following in pairwise(periods):
            if previous.end is None or previous.end > following.start:
                problems.append(
                    f"{where}: lines {previous.line} and {following.line} overlap "
                    f"from {following.start}"
                )
            elif previous.end < following.start:
                problems.append(
                    f"{where}: no holder from {previous.end} to {following.start} "
                    f"(between lines {previous.line} and {following.line})"
                )
        last = periods[-1]
        if last.end is not None and last.end <= RANGE_END:
            problems.append(f"{where}: no holder from {last.end} to the end of the range")
    return problems


def order_problems(tables: Tables) -> list[str]:
    """Stable, reviewable files: rows in the order DESIGN.md prescribes, spans running forwards."""
    problems = []
    for name, ids in (("units.csv", list(tables.units)), ("holders.csv", list(tables.holders))):
        if ids != sorted(ids):
            problems.append(f"{name}: rows are not sorted by id")
    lines = [(p.unit, p.start) for p in sorted(tables.periods, key=lambda p: p.line)]
    if lines != sorted(lines):
        problems.append("chronology.csv: rows are not sorted by unit, then start")
    keys = [(event.date, event.id) for event in sorted(tables.events, key=lambda e: e.line)]
    if keys != sorted(keys):
        problems.append("events.csv: rows are not sorted by date, then id")
    spans: list[tuple[str, Period | Claim]] = [
        *(("chronology.csv", p) for p in tables.periods),
        *(("claims.csv", c) for c in tables.claims),
    ]
    for name, record in spans:
        if record.end is not None and record.end <= record.start:
            problems.append(f"{name}:{record.line}: end {record.end} is not after {record.start}")
        if record.start > RANGE_END:
            problems.append(f"{name}:{record.line}: starts after the range ({record.start})")
    for period in tables.periods:
        low, high = period.start_range or (period.start, period.start)
        if not low <= period.start <= high:
            problems.append(f"chronology.csv:{period.line}: start {period.start} not in range")
    return problems


class References:
    """Checks that ids used in one file exist in another."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.problems: list[str] = []

    def unit(self, where: str, unit_id: str) -> None:
        if unit_id not in self.tables.units:
            self.problems.append(f"{where}: unknown unit {unit_id!r}")

    def holder(self, where: str, holder_id: str, role: str = "holder") -> None:
        if holder_id not in self.tables.holders:
            self.problems.append(f"{where}: unknown {role} {holder_id!r}")

    def within(self, where: str, holder_id: str, within: str) -> None:
        if not within:
            return
        self.holder(where, within, "within")
        republic = self.tables.holders.get(within)
        if republic and republic.parent != holder_id:
            self.problems.append(
                f"{where}: within {within!r} belongs to {republic.parent or 'no state'!r}, "
                f"not to {holder_id!r}"
            )

    def document(
        self, where: str, doc_id: str, article: str, effective: date | None = None
    ) -> None:
        """``effective``: the day the record takes effect; its basis cannot be signed later."""
        if not doc_id:
            if article:
                self.problems.append(f"{where}: article {article!r} given without a document")
            return
        document = self.tables.documents.get(doc_id)
        if document is None:
            self.problems.append(f"{where}: unknown document {doc_id!r}")
        elif article and document.article(article) is None:
            self.problems.append(f"{where}: document {doc_id!r} has no article {article!r}")
        signed = document.dates.signed if document else None
        if effective and signed and signed > effective:
            self.problems.append(
                f"{where}: basis {doc_id!r} was signed on {signed}, after the record starts "
                f"({effective})"
            )


def basis_record_references(refs: References, where: str, record: Period | Claim, who: str,
                             role: str) -> None:
    """References a chronology period and a claim share: unit, holder, legal basis."""
    refs.unit(where, record.unit)
    refs.holder(where, who, role)
    refs.within(where, who, record.within)
    refs.document(where, record.basis_doc, record.basis_article, record.start)


def record_problems(tables: Tables) -> list[str]:
    """References between the files; each row's own cells are checked by its table schema."""
    refs = References(tables)
    problems = refs.problems
    for holder in tables.holders.values():
        if holder.parent:
            refs.holder(f"holders.csv: holder {holder.id!r}", holder.parent, "parent")
    for period in tables.periods:
        basis_record_references(refs, f"chronology.csv:{period.line}", period, period.holder,
                                "holder")  # fmt: skip
    for claim in tables.claims:
        basis_record_references(refs, f"claims.csv:{claim.line}", claim, claim.claimant,
                                "claimant")  # fmt: skip
    for event in tables.events:
        where = f"events.csv:{event.line}"
        for unit_id in event.units:
            refs.unit(where, unit_id)
        refs.document(where, event.doc, event.article)
    known_units = set(tables.units)
    for doc_id, document in sorted(tables.documents.items()):
        stem = tables.document_files.get(doc_id, doc_id)
        found = document_problems(document, stem, known_units)
        problems += [f"documents/{stem}.yaml: {problem}" for problem in found]
    return problems


def tour_problems(data_dir: Path, tables: Tables) -> list[str]:
    """Each shipped tour: its schema, the shipped-tour rules, and agreement with the history."""
    problems: list[str] = []
    atlas = Atlas(tables)
    seen: set[str] = set()
    for path in sorted((data_dir / "tours").glob("*.yaml")):
        origin = f"tours/{path.name}"
        try:
            tour = loads(path.read_text(encoding="utf-8"), origin)
        except TourError as error:
            problems += str(error).splitlines()
            continue
        if tour.id in seen:
            problems.append(f"{origin}: duplicate tour id {tour.id!r}")
        seen.add(tour.id)
        problems += shipped_tour_problems(tour, origin)
        problems += [f"{origin}: {problem}" for problem in check_against_history(tour, atlas)]
    return problems


def derived_text_problems(data_dir: Path, tables: Tables, shared: Path) -> list[str]:
    """``data/texts/`` holds exactly what ``python -m geo.pipeline.texts`` would write now.

    Without the shared folder only the set of files can be checked, not their wording.
    """
    folder = data_dir / "texts"
    rerun = "rerun python -m geo.pipeline.texts"
    expected = {texts.text_path(doc, text, folder): (doc, text)
                for doc, text in texts.complete_texts(tables.documents)}
    problems = []
    for path in sorted(set(folder.glob("*.md")) - set(expected)):
        problems.append(f"texts/{path.name}: not derived from any complete document text")
    for path, (doc, text) in sorted(expected.items()):
        if not path.is_file():
            problems.append(f"texts/{path.name}: missing ({rerun})")
        elif (shared / text.file).is_file():
            derived = texts.render(doc, text, (shared / text.file).read_text(encoding="utf-8"))
            if path.read_text(encoding="utf-8") != derived:
                problems.append(f"texts/{path.name}: out of date with {text.file} ({rerun})")
    return problems


def validate(data_dir: Path = DATA, shared: Path | None = None) -> Report:
    """Run every check on ``data_dir``; the quotation check reads the shared folder."""
    tables = load_tables(data_dir)
    report = Report()
    report.add(tables.problems)
    report.add(table_problems(data_dir, REFERENCE_TABLES))
    report.add(geometry_problems(tables))
    report.add(coverage_in_time_problems(tables))
    report.add(order_problems(tables))
    report.add(record_problems(tables))
    report.add(history_rule_problems(tables))
    report.add(convention_problems(tables.periods, tables.documents))
    report.add(source_class_problems(tables, data_dir))
    shared = shared if shared is not None else shared_dir()
    report.add(tour_problems(data_dir, tables))
    report.add(derived_text_problems(data_dir, tables, shared))
    for line in check_quotes(tables.documents, shared):
        (report.notes if line.startswith(SKIPPED_PREFIX) else report.problems).append(line)
    report.counts = {
        "units": len(tables.units),
        "chronology records": len(tables.periods),
        "claims": len(tables.claims),
        "events": len(tables.events),
        "documents": len(tables.documents),
        "quotations": sum(len(document.quotes) for document in tables.documents.values()),
        "tours": len(list((data_dir / "tours").glob("*.yaml"))),
    }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m geo.validate", description="Check the data files; list every problem."
    )
    parser.add_argument("--data", type=Path, default=DATA, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    report = validate(args.data)
    for problem in report.problems:
        print(f"problem: {problem}")
    for note in report.notes:
        print(f"note: {note}")
    print(report.summary)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
