"""QGIS itself, animating the time-enabled GeoPackage, must show the engine's map on each date.

``scripts/qgis_check.py`` runs under Debian's ``/usr/bin/python3`` with the QGIS bindings
(``python3-qgis``, installed by ``.ci/run``): it opens the layers with ``QgsVectorLayer``, sets
the Temporal properties the README gives, and reads the features QGIS's temporal filter keeps
in the Temporal Controller's frame on each sample date. ``test_timelayer.py`` checks the same
files with geopandas; this test checks them with the program the README promises.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date, timedelta

import pytest

from geo.engine.timeline import Atlas
from geo.paths import ROOT
from geo.records.model import RANGE_END, RANGE_START
from geo.web import timelayer

SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT = ROOT / "scripts" / "qgis_check.py"


def qgis_available() -> bool:
    try:
        found = subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True,
                               timeout=60, check=False)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0


pytestmark = pytest.mark.skipif(
    not qgis_available() and not os.environ.get("BORDERLANDS_REQUIRE_QGIS"),
    reason="QGIS Python bindings missing: apt-get install python3-qgis (.ci/run installs it)",
)


def sample_days(atlas: Atlas) -> list[date]:
    """Both ends of the range, every New Year in steps of 7, and change days across the range."""
    days = {RANGE_START, RANGE_END, *(date(year, 1, 1) for year in range(1879, 1992, 7))}
    days |= set(atlas.change_dates[::5])
    days |= {day - timedelta(days=1) for day in atlas.change_dates[2::10]}
    return sorted(days)


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load()


@pytest.fixture(scope="module")
def shown(atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("qgis")
    path = folder / "layer.gpkg"
    timelayer.write_geopackage(timelayer.layers(atlas), path)
    days = [day.isoformat() for day in sample_days(atlas)]
    result = subprocess.run(
        [SYSTEM_PYTHON, str(SCRIPT), str(path), *days],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(folder)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return {**json.loads(result.stdout), "stderr": result.stderr}


def test_qgis_reads_dates_and_the_full_range(shown: dict) -> None:
    assert shown["fields"] == {"start": "Date", "end": "Date"}
    assert shown["extent"] == [RANGE_START.isoformat(), timelayer.OPEN_END.isoformat()]
    assert shown["frames"] == RANGE_END.year - RANGE_START.year + 1
    assert "partially supported" not in shown["stderr"]  # GeoPackage version GDAL 3.6 reads


def starting_on(atlas: Atlas, *days: date) -> list[tuple[str, str]]:
    return [(uid, p.holder) for uid in atlas.units for p in atlas.history(uid) if p.start in days]


def test_start_and_end_expressions_show_the_engines_map(atlas: Atlas, shown: dict) -> None:
    for day in sample_days(atlas):
        state = atlas.state_at(day)
        expected = {uid: us.period.holder for uid, us in state.units.items()}
        assert shown["expressions"][day.isoformat()] == expected, day
        claims = sorted(f"{uid} {c.claimant}" for uid, us in state.units.items()
                        for c in us.claims)  # fmt: skip
        assert shown["claims"][day.isoformat()] == claims, day


def test_separate_date_fields_also_show_the_next_days_periods(atlas: Atlas, shown: dict) -> None:
    """QGIS 3.22 compares the date fields with the frame's date-times as text (README)."""
    overlaps = 0
    for day in sample_days(atlas):
        state = [(uid, us.period.holder) for uid, us in atlas.state_at(day).units.items()]
        next_day = starting_on(atlas, day + timedelta(days=1))
        expected = sorted(f"{uid} {holder}" for uid, holder in state + next_day)
        assert shown["separate"][day.isoformat()] == expected, day
        overlaps += bool(next_day)
    assert overlaps, "no sample day before a change: the quirk is no longer tested"


def test_single_field_mode_shows_the_regions_that_changed(atlas: Atlas, shown: dict) -> None:
    changed_somewhere = 0
    for day in sample_days(atlas):
        started = starting_on(atlas, day, day + timedelta(days=1))
        assert shown["single"][day.isoformat()] == sorted({uid for uid, _ in started}), day
        changed_somewhere += bool(started)
    assert changed_somewhere > 10


def test_qgis_draws_each_focus_region_in_its_holders_colour(atlas: Atlas, shown: dict) -> None:
    """The renderer itself, filtering by the frame, fills each region with the engine's holder."""
    for day in sample_days(atlas):
        units = atlas.state_at(day).units
        expected = {uid: timelayer.period_row(atlas, units[uid].period)["colour"].lower()
                    for uid in shown["rendered"][day.isoformat()]}  # fmt: skip
        assert shown["rendered"][day.isoformat()] == expected, day
    assert len(shown["rendered"][RANGE_START.isoformat()]) == 8
