"""The one reader of page parameters accepts what the data files accept, and nothing else."""

from __future__ import annotations

from datetime import date

import pytest

from app_pages.params import date_param, parse_date_params, parse_region_param
from geo.records.model import RANGE_END, RANGE_START, parse_date


@pytest.mark.parametrize("text", ["1921-W11-3", "19210316", "1921-3-16", "16.03.1921", "", "x"])
def test_only_year_month_day_is_a_date(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date(text)
    assert date_param("a", text) == (None, [f"Ignored a={text!r}: expected YYYY-MM-DD."])


def test_every_page_reads_a_date_the_same_way() -> None:
    assert date_param("b", " 1921-03-16 ") == (date(1921, 3, 16), [])
    day, notices = date_param("date", "1700-01-01")
    assert day == RANGE_START and "outside" in notices[0]
    assert date_param("date", "2100-01-01")[0] == RANGE_END
    assert date_param("date", None) == (None, [])


def test_a_readable_date_wins_over_the_year_and_a_bad_one_falls_back_to_it() -> None:
    assert parse_date_params("1921-10-13", "1930") == (date(1921, 10, 13), [])
    day, notices = parse_date_params("1921-W41-4", "1930")
    assert day == date(1930, 1, 1)
    assert notices == ["Ignored date='1921-W41-4': expected YYYY-MM-DD."]
    day, notices = parse_date_params(None, "2500")
    assert day == date(RANGE_END.year, 1, 1) and "outside" in notices[0]
    assert parse_date_params(None, "soon")[0] is None


def test_unknown_regions_are_dropped_with_a_notice() -> None:
    assert parse_region_param("kars", {"kars"}) == ("kars", [])
    region, notices = parse_region_param("x" * 60, {"kars"})
    assert region is None and notices[0].endswith("no such region in the atlas.")
    assert "…" in notices[0]
