"""The timeline engine: who held what, on what basis, on any day of the study range.

Holders change on only a few dozen days in 113 years, so every distinct map is computed once when
the atlas is built; answering "what did the map look like on day D" is then a binary search over
the change dates and a list lookup, cheap enough for a slider that reruns the page on every step.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from geo.paths import DATA
from geo.records.documents import Document
from geo.records.loaders import Tables, load_tables
from geo.records.model import (
    RANGE_END,
    RANGE_START,
    Change,
    Claim,
    Event,
    Holder,
    Period,
    State,
    Unit,
    UnitState,
    map_changes,
)


class DataError(Exception):
    """The data files could not be read completely; the message lists every unreadable row."""


@dataclass(frozen=True)
class Segment:
    """A run of days over which nothing on the map changes."""

    since: date
    until: date | None
    key: int
    units: dict[str, UnitState]


def check_in_range(day: date) -> None:
    if not RANGE_START <= day <= RANGE_END:
        raise ValueError(f"{day.isoformat()} is outside the study range {RANGE_START}..{RANGE_END}")


class Atlas:
    """All the history in ``data/``, indexed for lookups by day, unit and interval."""

    def __init__(self, tables: Tables) -> None:
        self.units: dict[str, Unit] = tables.units
        self.holders: dict[str, Holder] = tables.holders
        self.documents: dict[str, Document] = tables.documents
        self.geometries: dict[str, dict[str, Any]] = tables.geometries
        self.events: list[Event] = sorted(tables.events, key=lambda event: (event.date, event.id))
        self.problems: list[str] = list(tables.problems)
        self._event_dates = [event.date for event in self.events]
        self._periods: dict[str, list[Period]] = defaultdict(list)
        for period in tables.periods:
            self._periods[period.unit].append(period)
        self._claims: dict[str, list[Claim]] = defaultdict(list)
        for claim in tables.claims:
            self._claims[claim.unit].append(claim)
        for periods in self._periods.values():
            periods.sort(key=lambda period: period.start)
        for claims in self._claims.values():
            claims.sort(key=lambda claim: (claim.start, claim.claimant))
        self.change_dates: list[date] = self._find_change_dates(tables)
        self._segments = self._build_segments()
        self._segment_starts = [segment.since for segment in self._segments]

    @classmethod
    def load(cls, data_dir: Path = DATA, strict: bool = True) -> Atlas:
        """Read ``data_dir``; with ``strict`` any unreadable row is an error, not a silent gap."""
        tables = load_tables(data_dir)
        if strict and tables.problems:
            raise DataError("cannot load the data:\n" + "\n".join(tables.problems))
        return cls(tables)

    def _find_change_dates(self, tables: Tables) -> list[date]:
        days: set[date] = set()
        records: list[Period | Claim] = [*tables.periods, *tables.claims]
        for record in records:
            days.add(record.start)
            if record.end is not None:
                days.add(record.end)
        return sorted(day for day in days if RANGE_START < day <= RANGE_END)

    def _unit_state_on(self, unit_id: str, day: date) -> UnitState | None:
        period = next((p for p in self._periods.get(unit_id, []) if p.covers(day)), None)
        if period is None:
            return None
        claims = tuple(claim for claim in self._claims.get(unit_id, []) if claim.covers(day))
        return UnitState(unit=unit_id, period=period, claims=claims)

    def _build_segments(self) -> list[Segment]:
        """One segment per change date; segments that draw the same map share a key."""
        starts = [RANGE_START, *self.change_dates]
        ends: list[date | None] = [*self.change_dates, None]
        unit_ids = sorted(set(self.units) | set(self._periods))
        keys: dict[tuple, int] = {}
        segments = []
        for since, until in zip(starts, ends, strict=True):
            units = {}
            for unit_id in unit_ids:
                unit_state = self._unit_state_on(unit_id, since)
                if unit_state is not None:
                    units[unit_id] = unit_state
            signature = tuple(
                (uid, id(us.period), tuple(id(claim) for claim in us.claims))
                for uid, us in units.items()
            )
            key = keys.setdefault(signature, len(keys))
            segments.append(Segment(since=since, until=until, key=key, units=units))
        return segments

    def state_at(self, day: date) -> State:
        """The map on ``day``; raises ValueError outside the study range."""
        check_in_range(day)
        segment = self._segments[bisect_right(self._segment_starts, day) - 1]
        return State(
            date=day,
            key=segment.key,
            units=segment.units,
            since=segment.since,
            until=segment.until,
        )

    def distinct_states(self) -> list[State]:
        """One state per key (dated on its first day), e.g. to warm a layer cache."""
        seen: dict[int, State] = {}
        for segment in self._segments:
            if segment.key not in seen:
                seen[segment.key] = self.state_at(segment.since)
        return list(seen.values())

    def runs_of(self, value: Callable[[State], Hashable]) -> tuple[list[tuple[date, int]], list]:
        """The study range cut where ``value`` of the map changes: (first day, index into the
        distinct values) for each run, and the distinct values in order of first appearance.

        The browser's day-by-day views (the map's timeline, the legend's runs) are built from
        this: each distinct value is sent once, with the days it holds.
        """
        values: list = []
        index: dict[Hashable, int] = {}
        runs: list[tuple[date, int]] = []
        for segment in self._segments:
            item = value(self.state_at(segment.since))
            number = index.setdefault(item, len(values))
            if number == len(values):
                values.append(item)
            if not runs or runs[-1][1] != number:
                runs.append((segment.since, number))
        return runs, values

    def history(self, unit_id: str) -> list[Period]:
        if unit_id not in self.units and unit_id not in self._periods:
            raise KeyError(f"unknown unit {unit_id!r}")
        return list(self._periods.get(unit_id, []))

    def claims_of(self, unit_id: str) -> list[Claim]:
        return list(self._claims.get(unit_id, []))

    def changes(self, start: date, end: date) -> list[Change]:
        """Visible changes that take effect after ``start`` and on or before ``end``."""
        if end < start:
            raise ValueError(f"changes: {end} is before {start}")
        found = []
        for unit_id, periods in self._periods.items():
            previous: Period | None = None
            for period in periods:
                if start < period.start <= end:
                    joined = previous is not None and previous.end == period.start
                    before = previous if joined else None
                    if before is None or map_changes(before, period):
                        found.append(
                            Change(
                                unit=unit_id,
                                date=period.start,
                                before=before,
                                after=period,
                                document=period.basis_doc,
                            )
                        )
                previous = period
        return sorted(found, key=lambda change: (change.date, change.unit))

    def prev_change(self, day: date) -> date | None:
        index = bisect_left(self.change_dates, day)
        return self.change_dates[index - 1] if index > 0 else None

    def next_change(self, day: date) -> date | None:
        index = bisect_right(self.change_dates, day)
        return self.change_dates[index] if index < len(self.change_dates) else None

    def events_on(self, day: date) -> list[Event]:
        return self.events_between(day, day)

    def events_between(self, start: date, end: date) -> list[Event]:
        """Events dated from ``start`` to ``end``, both included."""
        lo = bisect_left(self._event_dates, start)
        hi = bisect_right(self._event_dates, end)
        return self.events[lo:hi]

    def holder_name(self, holder_id: str, within: str = "") -> str:
        """Display name; a union republic is named after its state: "USSR (Georgian SSR)"."""
        name = self._display(holder_id)
        return f"{name} ({self._display(within)})" if within else name

    def claimant_name(self, claim: Claim) -> str:
        return self.holder_name(claim.claimant, claim.within)

    def _display(self, holder_id: str) -> str:
        holder = self.holders.get(holder_id)
        return holder.display if holder else holder_id
