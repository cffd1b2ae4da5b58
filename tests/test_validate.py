"""The validator must find every planted problem in one run, and pass the clean fixture."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geo.paths import shared_available
from geo.validate import validate

FIXTURE = Path(__file__).parent / "fixtures" / "data"
ROOT = Path(__file__).parent.parent


def run_validate(data: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo.validate", "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A copy of the fixture with one planted problem of each kind."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    chronology = data / "chronology.csv"
    edit(chronology, "kars,1919-04-19,1920-10-30", "kars,1919-05-01,1920-10-30")  # gap
    edit(chronology, "batumi,1920-07-07,1921-03-16", "batumi,1920-07-07,1921-04-01")  # overlap
    edit(chronology, "georgian-ssr,,sovereign,,,,Soviet", "soviet-georgia,,sovereign,,,,Soviet")
    edit(chronology, "treaty-of-moscow-1921,II", "treaty-of-moscow-1921,XIV")
    edit(chronology, "treaty-of-kars-1921,", "treaty-of-carthage,")
    edit(chronology, "Independence,firm,https://example.org/fixture/georgia", "Independence,firm,")
    edit(chronology, "anatolia,1923-10-29,", "anatolia,1923-10-32,")
    edit(chronology, ",demilitarized,", ",neutralised,")
    edit(chronology, "turkey,,occupied,,,,Taken", "turkey,,occupied,,treaty-of-moscow-1921,I,Taken")
    edit(data / "claims.csv", "ussr,armenian-ssr", "ussr,georgian-ssr-x")
    edit(data / "events.csv", "kars | batumi,Test event for Berlin", "kars | atlantis,Test event")
    edit(data / "units.csv", "Synthetic test strip,historical,5,https", "Strip,historical,5,ftp")
    features = data / "units.geojson"
    edit(features, "[[[41, 40.5], [42, 40.5], [42, 41.5]", "[[[41, 40.4], [42, 40.5], [42, 41.5]")
    bow_tie = "[[[42, 41.5], [43, 42], [43, 41.5], [42, 42]"
    edit(features, "[[[42, 41.5], [43, 41.5], [43, 42], [42, 42]", bow_tie)
    berlin = data / "documents" / "treaty-of-berlin-1878.yaml"
    edit(berlin, "territories of Ardahan, Kars, and Batoum", "territories of Kars and Batoum")
    return data


def test_clean_fixture_passes() -> None:
    result = run_validate(FIXTURE)
    assert result.returncode == 0, result.stdout
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("5 units, 25 chronology records, 1 claims, 6 events, 5 documents")
    assert summary.endswith("no problems")


def test_every_planted_problem_is_listed(broken: Path) -> None:
    report = validate(broken)
    text = "\n".join(report.problems)
    expected = [
        "unit 'kars': no holder from 1919-04-19 to 1919-05-01",
        "unit 'batumi': lines 7 and 8 overlap from 1921-03-16",
        "unknown holder 'soviet-georgia'",
        "document 'treaty-of-moscow-1921' has no article 'XIV'",
        "unknown document 'treaty-of-carthage'",
        "chronology.csv:12: sources is empty (required)",
        "chronology.csv:3: start: '1923-10-32' is not a valid date",
        "chronology.csv:25: status 'neutralised' is not one of",
        "unknown within 'georgian-ssr-x'",
        "unknown unit 'atlantis'",
        "units.csv:6: sources 'ftp://example.org/fixture/gallipoli' is not one or more",
        "unit 'georgia': invalid geometry",
        "coverage broken",
        "basis 'treaty-of-moscow-1921' was signed on 1921-03-16, after the record starts",
    ]
    if shared_available():
        expected.append("treaty-of-berlin-1878 art. 58: not verbatim")
    missing = [message for message in expected if message not in text]
    assert not missing, f"not reported: {missing}\nreport:\n{text}"


def test_broken_data_exits_1_and_prints_every_problem(broken: Path) -> None:
    result = run_validate(broken)
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("problem: ")]
    assert len(problems) >= 14
    assert result.stdout.strip().splitlines()[-1].endswith(f"{len(problems)} problem(s)")


def test_within_must_belong_to_the_holder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    edit(data / "chronology.csv", "ussr,georgian-ssr,autonomous", "turkey,georgian-ssr,autonomous")
    assert any("belongs to 'ussr', not to 'turkey'" in p for p in validate(data).problems)


def test_quote_check_skipped_without_shared_folder(tmp_path: Path) -> None:
    result = run_validate(FIXTURE, BORDERLANDS_SHARED=str(tmp_path / "nowhere"))
    assert result.returncode == 0, result.stdout
    assert "note: skipped:" in result.stdout


def test_missing_files_are_reported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    (data / "events.csv").unlink()
    (data / "units.geojson").write_text(json.dumps({"type": "FeatureCollection"}))
    problems = validate(data).problems
    assert "events.csv: file is missing" in problems
    assert any("unit 'kars' has no geometry" in p for p in problems)
