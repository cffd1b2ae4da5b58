"""The one reader of page parameters: dates, years and regions from the URL.

Every page reads its dates through ``date_param`` (the Atlas's ``?date=``, Compare's ``?a=`` and
``?b=``) so that all pages accept exactly what the data files accept, ``YYYY-MM-DD`` via
``geo.records.model.parse_date``, and explain anything else in the same words. Bad values never
raise: each function returns what to show plus plain-text notices, in the interface language
(``app_pages.i18n``; English outside a page run). Nothing here draws anything, so the rules are
tested without a page.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from app_pages.i18n import _
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
        return None, [_("Ignored {name}={value}: expected YYYY-MM-DD.").format(
            name=name, value=repr(short_value(value)))]
    clamped = clamp_date(day)
    if clamped == day:
        return day, []
    return clamped, [
        _("{name}={value} is outside the atlas's range {first}–{last}; showing {shown} "
          "instead.").format(name=name, value=day.isoformat(), first=RANGE_START.isoformat(),
                             last=RANGE_END.isoformat(), shown=clamped.isoformat())
    ]


def year_param(value: str | None) -> tuple[date | None, list[str]]:
    """``?year=YYYY`` as 1 January of that year, clamped to the study range."""
    if value is None:
        return None, []
    text = value.strip()
    if not YEAR.fullmatch(text):
        return None, [_("Ignored year={value}: expected a year like 1921.").format(
            value=repr(short_value(value)))]
    year = int(text)
    clamped = min(max(year, RANGE_START.year), RANGE_END.year)
    notices = []
    if clamped != year:
        notices.append(
            _("year={value} is outside {first}–{last}; showing {shown} instead.").format(
                value=year, first=RANGE_START.year, last=RANGE_END.year, shown=clamped)
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
    return None, [_("Ignored region={value}: no such region in the atlas.").format(
        value=repr(short_value(value)))]
