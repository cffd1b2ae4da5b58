"""Engine tests: exact behaviour on the fixture; known history on fixture and real data."""

from __future__ import annotations

import shutil
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from geo.engine.timeline import Atlas, DataError
from geo.engine.unit_record import unit_record
from geo.paths import DATA
from geo.records.model import RANGE_END, RANGE_START, parse_date, parse_date_range
from geo.records.version import data_hash, data_version

FIXTURE = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(scope="module")
def fixture_atlas() -> Atlas:
    return Atlas.load(FIXTURE)


@pytest.fixture(scope="module", params=["fixture", "real"])
def atlas(request: pytest.FixtureRequest) -> Atlas:
    """Both the fixture and the committed data must agree with the research notes."""
    if request.param == "fixture":
        return Atlas.load(FIXTURE)
    return Atlas.load(DATA)


def held(atlas: Atlas, unit: str, day: date) -> tuple[str, str]:
    period = atlas.state_at(day).units[unit].period
    return period.holder, period.status


def test_batumi_british_occupation_1919(atlas: Atlas) -> None:
    assert held(atlas, "batumi", date(1919, 6, 1)) == ("united-kingdom", "occupied")


def test_kars_before_and_after_the_war(atlas: Atlas) -> None:
    assert held(atlas, "kars", date(1914, 1, 1))[0] == "russian-empire"
    assert held(atlas, "kars", date(1925, 1, 1))[0] == "turkey"


def test_kars_claimed_by_ussr_in_1946(atlas: Atlas) -> None:
    claims = atlas.state_at(date(1946, 1, 1)).units["kars"].claims
    assert any(claim.claimant == "ussr" for claim in claims)
    assert not atlas.state_at(date(1955, 1, 1)).units["kars"].claims


def test_straits_regimes(atlas: Atlas) -> None:
    lausanne = atlas.state_at(date(1930, 1, 1)).units["straits-gallipoli"].period
    montreux = atlas.state_at(date(1937, 1, 1)).units["straits-gallipoli"].period
    assert (lausanne.status, lausanne.regime) == ("demilitarized", "Lausanne 1923")
    assert lausanne.status_label == "demilitarized zone (Lausanne 1923)"
    assert montreux.regime.startswith("Montreux")
    assert montreux.status != "demilitarized"


def test_stepping_from_moscow_reaches_kars(atlas: Atlas) -> None:
    step = atlas.next_change(date(1921, 3, 16))
    assert step is not None and date(1921, 3, 16) < step <= date(1921, 10, 13)


def test_every_unit_has_a_state_on_range_edges(atlas: Atlas) -> None:
    for day in (RANGE_START, RANGE_END):
        assert set(atlas.state_at(day).units) == set(atlas.units)


def test_state_lookup_uses_segments(fixture_atlas: Atlas) -> None:
    state = fixture_atlas.state_at(date(1919, 6, 1))
    assert state.since == date(1919, 4, 19) and state.until == date(1920, 7, 7)
    assert fixture_atlas.state_at(date(1920, 7, 6)).key == state.key
    assert fixture_atlas.state_at(date(1920, 7, 7)).key != state.key


def test_same_map_same_key(fixture_atlas: Atlas) -> None:
    """A claim that starts and ends leaves the map as it was: the key must come back."""
    before = fixture_atlas.state_at(date(1940, 1, 1))
    during = fixture_atlas.state_at(date(1950, 1, 1))
    after = fixture_atlas.state_at(date(1960, 1, 1))
    assert before.key == after.key != during.key
    keys = {state.key for state in fixture_atlas.distinct_states()}
    assert keys == set(range(len(keys)))


def test_half_open_periods(fixture_atlas: Atlas) -> None:
    assert held(fixture_atlas, "kars", date(1920, 10, 29)) == ("armenia", "sovereign")
    assert held(fixture_atlas, "kars", date(1920, 10, 30)) == ("turkey", "occupied")


def test_out_of_range_dates_are_refused(fixture_atlas: Atlas) -> None:
    with pytest.raises(ValueError, match="outside the study range"):
        fixture_atlas.state_at(date(1878, 7, 12))
    with pytest.raises(ValueError, match="outside the study range"):
        fixture_atlas.state_at(date(1991, 12, 27))


def test_history_is_ordered_and_unknown_units_fail(fixture_atlas: Atlas) -> None:
    starts = [period.start for period in fixture_atlas.history("kars")]
    assert starts == sorted(starts) and starts[0] == RANGE_START
    with pytest.raises(KeyError, match="unknown unit"):
        fixture_atlas.history("atlantis")


def test_changes_report_from_to_and_document(fixture_atlas: Atlas) -> None:
    changes = fixture_atlas.changes(date(1921, 1, 1), date(1923, 1, 1))
    summary = [(c.unit, c.date, c.before and c.before.holder, c.after.holder) for c in changes]
    assert ("batumi", date(1921, 3, 16), "georgia", "georgian-ssr") in summary
    assert ("batumi", date(1922, 12, 30), "georgian-ssr", "ussr") in summary
    moscow = next(c for c in changes if c.unit == "kars")
    assert (moscow.before.status, moscow.after.status) == ("occupied", "sovereign")
    assert moscow.document == "treaty-of-moscow-1921"


def test_changes_ignore_a_new_basis_under_the_same_holder(fixture_atlas: Atlas) -> None:
    """Kars passes from the Moscow to the Kars treaty basis without any visible change."""
    assert fixture_atlas.changes(date(1921, 10, 1), date(1921, 11, 1)) == []
    assert date(1921, 10, 13) in fixture_atlas.change_dates


def test_changes_interval_is_left_open(fixture_atlas: Atlas) -> None:
    assert fixture_atlas.changes(date(1920, 10, 30), date(1920, 10, 30)) == []
    assert [c.unit for c in fixture_atlas.changes(date(1920, 10, 29), date(1920, 10, 30))] == [
        "kars"
    ]
    with pytest.raises(ValueError):
        fixture_atlas.changes(date(1930, 1, 1), date(1920, 1, 1))


def test_prev_and_next_change(fixture_atlas: Atlas) -> None:
    assert fixture_atlas.next_change(date(1921, 3, 16)) == date(1921, 10, 13)
    assert fixture_atlas.prev_change(date(1921, 10, 13)) == date(1921, 3, 16)
    assert fixture_atlas.prev_change(date(1918, 4, 14)) is None
    assert fixture_atlas.next_change(date(1991, 4, 9)) is None


def test_events(fixture_atlas: Atlas) -> None:
    assert [e.id for e in fixture_atlas.events_on(date(1921, 3, 16))] == [
        "moscow-same-day",
        "treaty-of-moscow",
    ]
    between = fixture_atlas.events_between(date(1921, 3, 16), date(1921, 10, 13))
    assert [e.id for e in between] == ["moscow-same-day", "treaty-of-moscow", "treaty-of-kars"]
    assert fixture_atlas.events_on(date(1900, 1, 1)) == []


def test_holder_display_names(fixture_atlas: Atlas) -> None:
    period = fixture_atlas.state_at(date(1930, 1, 1)).units["batumi"].period
    assert fixture_atlas.holder_name(period.holder, period.within) == "USSR (Georgian SSR)"
    claim = fixture_atlas.state_at(date(1946, 1, 1)).units["kars"].claims[0]
    assert fixture_atlas.claimant_name(claim) == "USSR (Armenian SSR)"


def test_date_parsing_errors_are_clear() -> None:
    assert parse_date("1921-03-16") == date(1921, 3, 16)
    with pytest.raises(ValueError, match=r"start: '1921-3-16' is not a valid date"):
        parse_date("1921-3-16", "start")
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_date_range("1921-03-16..1921-01-01")


def test_strict_load_lists_unreadable_rows(tmp_path: Path) -> None:
    for source in FIXTURE.rglob("*"):
        target = tmp_path / source.relative_to(FIXTURE)
        if source.is_dir():
            target.mkdir(exist_ok=True)
        else:
            target.write_bytes(source.read_bytes())
    chronology = tmp_path / "chronology.csv"
    text = chronology.read_text(encoding="utf-8")
    chronology.write_text(text.replace("1918-04-25", "1918-04-31", 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"chronology.csv:16: end: '1918-04-31'"):
        Atlas.load(tmp_path)
    assert Atlas.load(tmp_path, strict=False).problems


def test_unit_record_is_the_one_description_of_a_unit(fixture_atlas: Atlas) -> None:
    record = unit_record(fixture_atlas, fixture_atlas.state_at(date(1946, 1, 1)), "kars")
    assert record["holder_name"] == "Turkey" and record["since"] == "1921-10-13"
    assert record["uncertainty_km"] == 3.0 and record["resolution"] == "historical"
    [claim] = record["claims"]
    assert claim["claimant"] == "ussr" and claim["claimant_name"] == "USSR (Armenian SSR)"
    assert claim["kind"] == "demand" and claim["extent"] == "named"


def test_data_version_is_stable_and_follows_the_bytes(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(FIXTURE, copy)
    assert data_hash(copy) == data_hash(FIXTURE)
    assert data_version(FIXTURE).startswith(data_hash(FIXTURE))
    edited = tmp_path / "edited"
    shutil.copytree(FIXTURE, edited)
    events = edited / "events.csv"
    events.write_text(events.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert data_hash(edited) != data_hash(FIXTURE)


def test_runs_of_cuts_the_range_where_the_value_changes(atlas: Atlas) -> None:
    """Each run starts on a change day with a value unlike the run before; every distinct value
    is listed once; and the value on any day is that of the run the day falls in."""
    runs, holders = atlas.runs_of(lambda state: state.units["kars"].period.holder
                                  if "kars" in state.units else None)
    days = [day for day, _ in runs]
    assert days[0] == RANGE_START and days == sorted(set(days))
    assert set(days[1:]) <= set(atlas.change_dates)
    assert all(a[1] != b[1] for a, b in pairwise(runs))
    assert len(holders) == len(set(holders)) == len({number for _, number in runs})
    for day in [date(1900, 1, 1), date(1919, 6, 1), date(1921, 11, 1), RANGE_END]:
        number = [n for start, n in runs if start <= day][-1]
        unit = atlas.state_at(day).units.get("kars")
        assert holders[number] == (unit.period.holder if unit else None)
