"""Each rule is planted as a fault in a copy of the fixture and must be reported by geo.validate.

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
TOUR = "tours/01-fixture.yaml"

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
        "treaty-of-berlin-1878.yaml:15: texts[0].file: '../texts/1878-07-13-treaty-of-berlin.en.md"
        "' is not a relative path under sources/ or seeds/",
    ),
    "keys out of order": (
        BERLIN, "id: treaty-of-berlin-1878\ntitle: Fixture copy of the Treaty of Berlin\n",
        "title: Fixture copy of the Treaty of Berlin\nid: treaty-of-berlin-1878\n",
        "keys must begin id, title, short_title",
    ),
    "document of an unknown kind": (
        BERLIN, "kind: treaty", "kind: pact",
        "documents/treaty-of-berlin-1878.yaml:4: kind: 'pact' is not one of ['treaty',",
    ),
    "document signed on no day": (
        BERLIN, "signed: 1878-07-13", "signed: 13.07.1878",
        "documents/treaty-of-berlin-1878.yaml:7: dates.signed: '13.07.1878' is not a date "
        "written YYYY-MM-DD",
    ),
    "document signed on an impossible day": (
        BERLIN, "signed: 1878-07-13", "signed: 1878-13-13",
        "documents/treaty-of-berlin-1878.yaml: not valid YAML (month must be in 1..12)",
    ),
    "in force although never in force": (
        BERLIN, "  in_force: null\n  never_in_force: false",
        "  in_force: 1878-08-03\n  never_in_force: true",
        "documents/treaty-of-berlin-1878.yaml:9: dates.in_force: '1878-08-03' is not empty: "
        "the document never came into force",
    ),
    "document key unknown": (
        BERLIN, "summary: Test fixture document.", "sumary: Test fixture document.",
        "documents/treaty-of-berlin-1878.yaml:1: (top): 'summary' is a required property",
    ),
    "tour scene outside the range": (
        TOUR, "date: 1878-07-13", "date: 1877-07-13",
        "tours/01-fixture.yaml: fixture-kars scene 1 (1877-07-13): outside the map's range",
    ),
    "tour scene on an unknown unit": (
        TOUR, "regions: [kars, batumi]", "regions: [kars, batumi, atlantis]",
        "tours/01-fixture.yaml: fixture-kars scene 1 (1878-07-13): unknown unit 'atlantis'",
    ),
    "tour scene citing an unknown document": (
        TOUR, "document: treaty-of-kars-1921", "document: treaty-of-carthage",
        "fixture-kars scene 4 (1921-10-13): unknown document 'treaty-of-carthage'",
    ),
    "tour scene contradicting the history": (
        TOUR, "expect_holder: {kars: armenia}", "expect_holder: {kars: georgia}",
        "fixture-kars scene 3 (1920-01-01): kars is held by armenia, scene says georgia",
    ),
    "tour scene on no day": (
        TOUR, "date: 1930-01-01", "date: 01.01.1930",
        "tours/01-fixture.yaml:41: scenes[4].date: '01.01.1930' is not a date written YYYY-MM-DD",
    ),
    "shipped tour scene without a source": (
        TOUR, "    sources:\n      - https://example.org/fixture/tour\n  - date: 1918-05-01",
        "  - date: 1918-05-01",
        "tours/01-fixture.yaml scene 1 (1878-07-13): no source URL",
    ),
    "derived text missing": (
        BERLIN, "completeness: partial", "completeness: complete",
        "texts/treaty-of-berlin-1878.en.md: missing (rerun python -m geo.pipeline.texts)",
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


def test_a_stale_derived_text_is_reported(tmp_path: Path) -> None:
    """The derived full text must be what geo.pipeline.texts writes from the shared source now."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    plant(data, BERLIN, "completeness: partial", "completeness: complete")
    source = tmp_path / "shared" / "sources" / "texts" / "1878-07-13-treaty-of-berlin.en.md"
    source.parent.mkdir(parents=True)
    source.write_text("Article LVIII. The Sublime Porte cedes Kars.\n", encoding="utf-8")
    derived = data / "texts" / "treaty-of-berlin-1878.en.md"
    derived.parent.mkdir()
    derived.write_text("---\ndocument: treaty-of-berlin-1878\n---\n\nOld wording.\n", "utf-8")
    problems = validate(data, shared=tmp_path / "shared").problems
    assert "texts/treaty-of-berlin-1878.en.md: out of date with sources/texts/1878-07-13-" \
        "treaty-of-berlin.en.md (rerun python -m geo.pipeline.texts)" in problems, problems
