"""The query command, run as users run it: in a subprocess, reading stdout, stderr and the code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "data"
ROOT = Path(__file__).parent.parent


def query(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo.query", "--data", str(FIXTURE), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_json_for_one_unit() -> None:
    result = query("--date", "1946-01-01", "--unit", "kars", "--json")
    assert result.returncode == 0, result.stderr
    [record] = json.loads(result.stdout)
    assert record["unit"] == "kars" and record["name"] == "Kars"
    assert (record["holder"], record["status"]) == ("turkey", "sovereign")
    assert record["basis"] == {
        "document": "treaty-of-kars-1921",
        "article": "",
        "text": "Confirmed at Kars",
    }
    assert (record["since"], record["until"]) == ("1921-10-13", None)
    assert record["claims"][0]["claimant"] == "ussr"
    assert record["claims"][0]["claimant_name"] == "USSR (Armenian SSR)"


def test_json_lists_every_unit_with_display_names() -> None:
    result = query("--date", "1930-01-01", "--json")
    records = {record["unit"]: record for record in json.loads(result.stdout)}
    assert set(records) == {"anatolia", "batumi", "georgia", "kars", "straits-gallipoli"}
    assert records["batumi"]["holder_name"] == "USSR (Georgian SSR)"
    assert records["straits-gallipoli"]["status_label"] == "demilitarized zone (Lausanne 1923)"


def test_table_is_readable() -> None:
    result = query("--date", "1919-06-01")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["unit", "holder", "status"]
    batumi = next(line for line in lines if line.startswith("batumi"))
    assert "United Kingdom" in batumi and "occupied" in batumi


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "1921-02-30"), "not a valid date"),
        (("--date", "16.03.1921"), "not a valid date"),
        (("--date", "1878-07-12"), "outside the study range"),
        (("--date", "1991-12-27"), "outside the study range"),
        (("--date", "1930-01-01", "--unit", "atlantis"), "unknown unit 'atlantis'"),
    ],
)
def test_usage_errors_give_one_line_and_code_2(args: tuple[str, ...], message: str) -> None:
    result = query(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr


def test_unit_without_holder_is_a_data_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    chronology = data / "chronology.csv"
    rows = chronology.read_text(encoding="utf-8").splitlines(keepends=True)
    chronology.write_text("".join(r for r in rows if not r.startswith("kars,1919-04-19")))
    result = subprocess.run(
        [sys.executable, "-m", "geo.query", "--data", str(data), "--date", "1919-06-01",
         "--unit", "kars"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert "no holder on 1919-06-01" in result.stderr
