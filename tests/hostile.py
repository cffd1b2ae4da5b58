"""A copy of the test fixture data with hostile strings in names, holders and claims.

Used by the map and page tests to prove that data text is shown, never executed.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "data"
HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_HOLDER = "${alert(1)}`\\"
HOSTILE_BASIS = "<script>alert(2)</script> [x](javascript:alert(3))"


def _rewrite(path: Path, match: tuple[str, str], changes: dict[str, str]) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    for row in rows:
        if row[match[0]] == match[1]:
            row.update(changes)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def hostile_data(target: Path) -> Path:
    """Copy the fixture into ``target`` and plant the hostile strings; return the data folder."""
    data = target / "data"
    shutil.copytree(FIXTURE, data)
    _rewrite(data / "units.csv", ("id", "kars"), {"name_en": HOSTILE_NAME, "name_ru": HOSTILE_NAME})
    _rewrite(data / "holders.csv", ("id", "turkey"),
             {"name": HOSTILE_HOLDER, "short_name": HOSTILE_HOLDER})
    _rewrite(data / "claims.csv", ("unit", "kars"), {"basis_text": HOSTILE_BASIS})
    return data
