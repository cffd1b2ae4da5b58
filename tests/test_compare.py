"""Date-to-date comparison on the small fixture data set (known answers)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo.engine import compare
from geo.engine.timeline import Atlas

FIXTURES = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(FIXTURES)


def test_kars_and_batumi_change_between_1914_and_1922(atlas: Atlas) -> None:
    found = compare.differences(atlas, date(1914, 6, 1), date(1922, 1, 1))
    diffs = {d.unit: d for d in found}
    kars = diffs["kars"]
    assert (kars.before.holder, kars.after.holder) == ("russian-empire", "turkey")
    assert kars.holder_changed
    assert (kars.basis_doc, kars.changed_on) == ("treaty-of-kars-1921", date(1921, 10, 13))
    assert kars.steps == 5
    assert diffs["batumi"].after.holder == "georgian-ssr"
    assert "anatolia" not in diffs


def test_area_is_the_pipelines_equal_area_not_degrees(atlas: Atlas) -> None:
    """A 1°×1° square at 41° N is about 111 km × 84 km; a degree-based area would be 1."""
    kars = next(d for d in compare.differences(atlas, date(1914, 6, 1), date(1922, 1, 1))
                if d.unit == "kars")  # fmt: skip
    assert kars.area_km2 == atlas.units["kars"].area_km2
    assert kars.area_km2 == pytest.approx(111.2 * 111.2 * 0.755, rel=0.02)


def test_status_only_change_is_listed(atlas: Atlas) -> None:
    diffs = compare.differences(atlas, date(1930, 1, 1), date(1940, 1, 1))
    gallipoli = next(d for d in diffs if d.unit == "straits-gallipoli")
    assert gallipoli.fields == ("status", "regime")
    assert not gallipoli.holder_changed
    assert gallipoli.basis_doc == "montreux-convention-1936"


def test_reverse_order_gives_the_same_units(atlas: Atlas) -> None:
    a, b = date(1914, 6, 1), date(1922, 1, 1)
    forward = [d.unit for d in compare.differences(atlas, a, b)]
    backward = [d.unit for d in compare.differences(atlas, b, a)]
    assert forward == backward


def test_claims_appear_in_1946(atlas: Atlas) -> None:
    claims = compare.claim_differences(atlas, date(1936, 6, 1), date(1946, 9, 1))
    assert [(c.unit, c.kind, c.appeared) for c in claims] == [("kars", "demand", True)]


def test_transfer_totals_sum_areas(atlas: Atlas) -> None:
    diffs = compare.differences(atlas, date(1914, 6, 1), date(1922, 1, 1))
    totals = compare.transfer_totals(diffs)
    assert ("Russian Empire", "Turkey") in [(a, b) for a, b, _ in totals]
    moved = sum(d.area_km2 for d in diffs if d.holder_changed)
    assert sum(t[2] for t in totals) == pytest.approx(moved)
