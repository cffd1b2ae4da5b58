"""The one reader of page parameters: dates, years and regions from the URL.

Every page reads its dates through ``date_param`` (the Atlas's ``?date=``, Compare's ``?a=`` and
``?b=``) so that all pages accept exactly what the data files accept, ``YYYY-MM-DD`` via
``geo.records.model.parse_date``, and explain anything else in the same words. Bad values never
raise: each function returns what to show plus plain-text notices. Nothing here touches
Streamlit, so the rules are tested without a page.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from geo.records.model import RANGE_END, RANGE_START, parse_date

YEAR = re.compile(r"-?\d{1,6}")


def short_value(value: str, limit: int = 40) -> str:
    """A user-supplied value cut to a readable length, for notices."""
    return value if len(value) <= limit else value[:limit] + "…"


def clamp_date(day: date) -> date:
    return min(max(day, RANGE_START), RANGE_END)


def date_param(name: str, value: str | None) -> tuple[date | None, list[str]]:
    """``?name=YYYY-MM-DD`` clamped to the study range; ``None`` when absent or unreadable."""
    if value is None:
        return None, []
    try:
        day = parse_date(value, name)
    except ValueError:
        return None, [f"Ignored {name}={short_value(value)!r}: expected YYYY-MM-DD."]
    clamped = clamp_date(day)
    if clamped == day:
        return day, []
    return clamped, [
        f"{name}={day.isoformat()} is outside the atlas's range {RANGE_START.isoformat()}–"
        f"{RANGE_END.isoformat()}; showing {clamped.isoformat()} instead."
    ]


def year_param(value: str | None) -> tuple[date | None, list[str]]:
    """``?year=YYYY`` as 1 January of that year, clamped to the study range."""
    if value is None:
        return None, []
    text = value.strip()
    if not YEAR.fullmatch(text):
        return None, [f"Ignored year={short_value(value)!r}: expected a year like 1921."]
    year = int(text)
    clamped = min(max(year, RANGE_START.year), RANGE_END.year)
    notices = []
    if clamped != year:
        notices.append(
            f"year={year} is outside {RANGE_START.year}–{RANGE_END.year}; "
            f"showing {clamped} instead."
        )
    return clamp_date(date(clamped, 1, 1)), notices


def parse_date_params(
    date_value: str | None, year_value: str | None
) -> tuple[date | None, list[str]]:
    """Read ``?date=`` (preferred) or ``?year=``; a readable date wins over any year."""
    day, notices = date_param("date", date_value)
    if day is not None:
        return day, notices
    from_year, year_notices = year_param(year_value)
    return from_year, notices + year_notices


def parse_region_param(value: str | None, known: Collection[str]) -> tuple[str | None, list[str]]:
    """A unit id from ``?region=``; unknown ids are dropped with a notice."""
    if value is None or not value.strip():
        return None, []
    if value in known:
        return value, []
    return None, [f"Ignored region={short_value(value)!r}: no such region in the atlas."]
