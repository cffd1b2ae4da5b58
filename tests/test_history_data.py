"""The committed history passes every rule of ``geo.validate``, and a few facts no rule can know.

The rules themselves (columns, ids, order, coverage, Soviet periods, Straits regimes, claims never
in force) are tested by planting faults in the fixture: tests/test_validate.py,
tests/test_data_rules.py, tests/test_datapackage.py.
"""

from datetime import date

import pytest

from geo.records.loaders import Tables, load_tables
from geo.records.model import Period
from geo.validate import validate


@pytest.fixture(scope="module")
def tables() -> Tables:
    return load_tables()


def test_committed_data_passes_the_validator() -> None:
    report = validate()
    assert not report.problems, "\n".join(report.problems)


def test_claims_stay_off_the_coarse_anatolia_unit(tables: Tables) -> None:
    """No claim matches all of Asian Turkey, so hatching that unit would overstate any of them."""
    assert not [claim for claim in tables.claims if claim.unit == "anatolia"]


def period_on(tables: Tables, unit: str, day: date) -> Period:
    return next(
        p for p in tables.periods
        if p.unit == unit and p.start <= day and (p.end is None or day < p.end)
    )


@pytest.mark.parametrize("unit", ["north-caucasus", "crimea-ukraine", "kazakhstan", "moldova"])
def test_civil_war_lands_are_not_drawn_as_soviet_in_1919(tables: Tables, unit: str) -> None:
    """White, Cossack, national and foreign forces held these areas for long stretches."""
    assert period_on(tables, unit, date(1919, 6, 1)).holder != "soviet-russia"
