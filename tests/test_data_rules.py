"""Each rule between records is planted as a fault in a copy of the fixture and must be reported.

The rules once lived in tests over the committed data (tests that re-implemented the validator
over hard-coded id lists); now ``geo.validate`` owns them and these tests prove that it reports
each one, with the file and line where it can.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.validate import validate

FIXTURE = Path(__file__).parent / "fixtures" / "data"
BERLIN = "documents/treaty-of-berlin-1878.yaml"

PLANTS = {
    "USSR without republic": (
        "chronology.csv", "ussr,georgian-ssr,autonomous", "ussr,,autonomous",
        "chronology.csv:9: a USSR period needs the union republic in within",
    ),
    "USSR before the Union": (
        "chronology.csv", "1922-12-30,,georgian-ssr,,sovereign",
        "1922-12-30,,ussr,georgian-ssr,sovereign",
        "chronology.csv:13: Soviet period starts 1921-02-25, before the Union was formed "
        "(1922-12-30",
    ),
    "within the federation": (
        "chronology.csv", "ussr,georgian-ssr,sovereign", "ussr,transcaucasian-sfsr,sovereign",
        "chronology.csv:14: within names the 'transcaucasian-sfsr' federation",
    ),
    "regime off the Straits": (
        "chronology.csv", "turkey,,sovereign,,treaty-of-kars-1921",
        "turkey,,sovereign,Kars 1921,treaty-of-kars-1921",
        "chronology.csv:21: regime 'Kars 1921' on 'kars', which is not a Straits unit",
    ),
    "never in force but in force": (
        "claims.csv", "armenian-ssr,demand,,,Soviet demand for the return of Kars,no",
        "armenian-ssr,treaty-never-in-force,,,Soviet demand for the return of Kars,yes",
        "claims.csv:2: a treaty-never-in-force claim must have in_force no",
    ),
    "never in force on a treaty in force": (
        "claims.csv", "armenian-ssr,demand,,",
        "armenian-ssr,treaty-never-in-force,treaty-of-kars-1921,",
        "claims.csv:2: a treaty-never-in-force claim rests on 'treaty-of-kars-1921', which is not "
        "marked never_in_force",
    ),
    "republic without its state": (
        "holders.csv", "Georgian SSR,union-republic,ussr", "Georgian SSR,union-republic,",
        "holders.csv: union republic 'georgian-ssr' has no parent",
    ),
    "holders out of order": (
        "holders.csv", "allied-powers,Allied", "zz-allied-powers,Allied",
        "holders.csv: rows are not sorted by id",
    ),
    "events of one day out of order": (
        "events.csv", "moscow-same-day", "within-same-day",
        "events.csv: rows are not sorted by date, then id",
    ),
    "show on map outside the range": (
        BERLIN, "show_on_map: 1878-07-13", "show_on_map: 1877-07-13",
        "show_on_map 1877-07-13 is outside the map's range",
    ),
    "non-English quote without gloss": (
        BERLIN, "language: en", "language: fr",
        "treaty-of-berlin-1878: article 58: fr quote without an English gloss",
    ),
    "text outside the shared folders": (
        BERLIN, "  - file: sources/texts/", "  - file: ../texts/",
        "../texts/1878-07-13-treaty-of-berlin.en.md: not a relative path under sources/ or seeds/",
    ),
    "keys out of order": (
        BERLIN, "id: treaty-of-berlin-1878\n", "kind_of: x\nid: treaty-of-berlin-1878\n",
        "keys must begin id, title, short_title",
    ),
}


def plant(data: Path, relative: str, old: str, new: str) -> None:
    path = data / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_clean_fixture_breaks_no_rule() -> None:
    assert validate(FIXTURE).problems == []


@pytest.mark.parametrize("name", PLANTS)
def test_planted_fault_is_reported(name: str, tmp_path: Path) -> None:
    relative, old, new, message = PLANTS[name]
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    plant(data, relative, old, new)
    problems = validate(data).problems
    assert any(message in problem for problem in problems), "\n".join(problems)
