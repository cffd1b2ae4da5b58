"""Plain records for the borderlands history, shared by the loaders, the engine and the pages.

The records are frozen so that a precomputed state can be handed to any number of callers (and
cached by Streamlit) without anyone being able to alter the history behind the engine's back.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from datetime import date

RANGE_START = date(1878, 7, 13)
RANGE_END = date(1991, 12, 26)

# Every box in the project is (west, south, east, north) in degrees, GeoJSON's own bbox order;
# Leaflet's ((south, west), (north, east)) pairs are made from it where a map is framed.
Bounds = tuple[float, float, float, float]
# The whole study area: the view a tour scene falls back to and the largest framing of the map.
STUDY_BOUNDS: Bounds = (25.0, 36.5, 49.0, 43.5)
# The area the pipeline builds in: the study area with a margin, so that clipping at its edge
# never touches a unit.
BUILD_BOUNDS: Bounds = (22.0, 34.0, 50.0, 46.0)

STATUSES = ("sovereign", "occupied", "administered", "autonomous", "contested", "demilitarized")
STATUS_LABELS: dict[str, str] = {
    "sovereign": "sovereign",
    "occupied": "occupied",
    "administered": "administered",
    "autonomous": "autonomous",
    "contested": "contested",
    "demilitarized": "demilitarized zone",
}
CERTAINTIES = ("firm", "approximate", "disputed")
UNIT_KINDS = ("focus", "straits", "context")
RESOLUTIONS = ("historical", "modern-outline")
HOLDER_KINDS = ("state", "union-republic", "alliance", "local-authority", "occupation-authority")
CLAIM_KINDS = ("claim", "award", "demand", "treaty-never-in-force", "disputed-regime")
# "inferred": the area was deduced from the claim's logic, not named in its text.
CLAIM_EXTENTS = ("named", "inferred")
EVENT_KINDS = ("treaty", "war", "occupation", "diplomacy", "administrative", "crisis", "other")

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str, what: str = "date") -> date:
    """Read ``YYYY-MM-DD``, naming the field in the error so a data author can find the bad cell.

    The one date reader of the project (data files, tours, documents, page parameters, CLIs).
    ``date.fromisoformat`` alone also takes ``1921-W11-3`` and ``19210316``; those are refused.
    """
    value = text.strip()
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{what}: {text!r} is not a valid date (expected YYYY-MM-DD)") from None


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def long_date(day: date) -> str:
    """"16 March 1921", the same on every machine (no locale month names)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def parse_optional_date(text: str, what: str = "date") -> date | None:
    """Empty cells mean "open-ended" in the data files, so they map to None rather than an error."""
    return parse_date(text, what) if text.strip() else None


def parse_date_range(text: str, what: str = "date range") -> tuple[date, date] | None:
    """Read ``YYYY-MM-DD..YYYY-MM-DD`` (used where sources disagree on a start date)."""
    value = text.strip()
    if not value:
        return None
    first, sep, last = value.partition("..")
    if not sep:
        raise ValueError(f"{what}: {text!r} is not a range (expected YYYY-MM-DD..YYYY-MM-DD)")
    lo, hi = parse_date(first, what), parse_date(last, what)
    if hi < lo:
        raise ValueError(f"{what}: {text!r} ends before it starts")
    return lo, hi


def split_list(text: str) -> tuple[str, ...]:
    """Split a `` | ``-separated cell; the data files use that separator for every list."""
    return tuple(part.strip() for part in text.split("|") if part.strip())


@dataclass(frozen=True)
class Unit:
    """A piece of land drawn on the map; its holder comes from the chronology, not from here."""

    id: str
    kind: str
    name_en: str
    names: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    alt_names: tuple[str, ...] = ()
    historical_unit: str = ""
    modern_equivalent: str = ""
    resolution: str = "historical"
    uncertainty_km: float = 0.0
    sources: tuple[str, ...] = ()
    label: tuple[float, float] | None = None
    area_km2: float | None = None


@dataclass(frozen=True)
class Holder:
    id: str
    name: str
    short_name: str
    kind: str
    parent: str = ""
    sources: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class Period:
    """One row of the chronology: who held a unit, how, and on what basis, for a half-open span."""

    unit: str
    start: date
    end: date | None
    holder: str
    status: str
    basis_text: str
    within: str = ""
    regime: str = ""
    basis_doc: str = ""
    basis_article: str = ""
    certainty: str = "firm"
    start_range: tuple[date, date] | None = None
    sources: tuple[str, ...] = ()
    note: str = ""
    line: int = 0

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    @property
    def status_label(self) -> str:
        """Status as shown to readers, with the Straits regime when one applies."""
        label = STATUS_LABELS.get(self.status, self.status)
        return f"{label} ({self.regime})" if self.regime else label


# What a reader sees on the map: a new basis under the same holder and status is no change.
MAP_FIELDS = ("holder", "within", "status", "regime")


def map_changes(before: Period, after: Period) -> tuple[str, ...]:
    """The fields a reader would see change between two periods (empty: the map looks the same).

    The one definition of "a visible change", used by the timeline's change list, the region
    dossiers' small maps and the Compare page.
    """
    return tuple(f for f in MAP_FIELDS if getattr(before, f) != getattr(after, f))


def kind_rank(kind: str) -> int:
    """Order of unit kinds in lists: the borderland focus first, then the Straits, then context."""
    return UNIT_KINDS.index(kind) if kind in UNIT_KINDS else len(UNIT_KINDS)


@dataclass(frozen=True)
class Claim:
    """A claim laid over a unit; it never changes who holds the unit."""

    unit: str
    start: date
    end: date | None
    claimant: str
    kind: str
    basis_text: str
    in_force: bool
    within: str = ""
    basis_doc: str = ""
    basis_article: str = ""
    extent: str = "named"
    sources: tuple[str, ...] = ()
    note: str = ""
    line: int = 0

    @property
    def extent_inferred(self) -> bool:
        return self.extent == "inferred"

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Event:
    date: date
    id: str
    title: str
    kind: str
    summary: str
    units: tuple[str, ...] = ()
    doc: str = ""
    article: str = ""
    sources: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class UnitState:
    """What the map shows for one unit on one day: ``unit`` is the unit id."""

    unit: str
    period: Period
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class State:
    """The whole map on ``date``; ``key`` is shared by every date that draws the same map.

    The field ``date`` hides the type of that name inside the class body, hence ``dt.date``.
    """

    date: date
    key: int
    units: dict[str, UnitState] = field(hash=False, compare=False)
    since: dt.date = RANGE_START
    until: dt.date | None = None


@dataclass(frozen=True)
class Change:
    """A unit passing from one period to the next with a different holder, status, within or regime.

    ``document`` is the id of the document behind the new period (empty when the change rested on
    force or local rule rather than a text).
    """

    unit: str
    date: date
    before: Period | None
    after: Period
    document: str = ""
