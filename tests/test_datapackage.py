"""data/datapackage.json: generated from the one table schema, complete, valid for both checkers.

The same planted faults must be reported by ``geo.validate`` (file and line) and by the
``frictionless`` validator reading the package, which proves the package describes the schema
``geo.validate`` enforces. ``scripts/test.sh`` runs ``frictionless validate`` on the real package.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import frictionless
import pytest

from geo.paths import DATA
from geo.records import datapackage
from geo.records.schema import read_table
from geo.records.table_schemas import CHRONOLOGY, TABLES
from geo.records.version import data_files
from geo.validate import validate

PACKAGE = DATA / datapackage.PACKAGE_FILE


def committed() -> dict:
    return json.loads(PACKAGE.read_text(encoding="utf-8"))


def test_committed_package_is_the_generated_one() -> None:
    assert PACKAGE.read_text(encoding="utf-8") == datapackage.package_text(DATA), (
        "data/datapackage.json is out of date: run python -m geo.records.datapackage"
    )


def test_every_data_file_is_a_resource_and_every_resource_a_file() -> None:
    paths = [resource["path"] for resource in committed()["resources"]]
    files = [p.relative_to(DATA).as_posix() for p in data_files(DATA)]
    assert sorted(paths) == sorted(name for name in files if name != datapackage.PACKAGE_FILE)
    assert len({resource["name"] for resource in committed()["resources"]}) == len(paths)


def test_a_new_undeclared_file_stops_the_generator(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"not declared .*: extra\.csv"):
        datapackage.package(data)


def test_table_schemas_in_the_package_are_the_validators() -> None:
    schemas = {r["path"]: r.get("schema") for r in committed()["resources"]}
    for table in TABLES:
        assert schemas[table.path] == table.descriptor()
        assert [f["name"] for f in schemas[table.path]["fields"]] == list(table.columns)


def test_every_table_field_is_described_and_every_resource_licensed() -> None:
    for resource in committed()["resources"]:
        assert resource["description"] and resource["licenses"], resource["name"]
        for field in resource.get("schema", {}).get("fields", []):
            assert field["description"], (resource["name"], field["name"])


def plant(path: Path, line: int, field: str, value: str) -> None:
    """Set one cell of a one-line row, so the fault's file, line and field are known."""
    lines = path.read_text(encoding="utf-8").split("\n")
    header = next(csv.reader([lines[0]]))
    row = next(csv.reader([lines[line - 1]]))
    assert len(row) == len(header), f"{path.name}:{line} is not a whole row"
    row[header.index(field)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(row)
    lines[line - 1] = buffer.getvalue()
    path.write_text("\n".join(lines), encoding="utf-8")


# (file, line, field, bad value)
FAULTS = [
    ("chronology.csv", 2, "status", "neutralised"),
    ("chronology.csv", 3, "end", "1878-09-31"),
    ("claims.csv", 2, "kind", "threat"),
    ("claims.csv", 3, "in_force", "maybe"),
    ("units.csv", 3, "uncertainty_km", "ten"),
    ("units.csv", 4, "sources", "ftp://example.org/x"),
    ("holders.csv", 2, "kind", "empire"),
    ("events.csv", 2, "id", "Bad Id"),
    ("events.csv", 3, "summary", ""),
    ("search_aliases.csv", 2, "language", "turkish"),
    ("soviet_aid_1920_1922.csv", 2, "quantity", "many"),
    ("recipes/places.csv", 2, "lat", "90.5"),
]
# A foreign key: frictionless checks the package's key, geo.validate its own reference check.
UNKNOWN_HOLDER = ("chronology.csv", 4, "holder", "nobody")


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("broken") / "data"
    shutil.copytree(DATA, data)
    for name, line, field, value in [*FAULTS, UNKNOWN_HOLDER]:
        plant(data / name, line, field, value)
    return data


def test_geo_validate_reports_each_planted_fault_with_file_and_line(
    broken: Path, tmp_path: Path
) -> None:
    problems = validate(broken, shared=tmp_path / "no-shared").problems
    for name, line, field, value in FAULTS:
        assert any(p.startswith(f"{name}:{line}: {field}") and value in p for p in problems), (
            name, line, field, problems)  # fmt: skip
    assert "chronology.csv:4: unknown holder 'nobody'" in problems


def test_frictionless_reports_the_same_faults(broken: Path) -> None:
    report = frictionless.validate(str(broken / datapackage.PACKAGE_FILE))
    assert not report.valid
    found = {
        (task.place, error.row_number, getattr(error, "field_name", None))
        for task in report.tasks
        for error in task.errors
        if hasattr(error, "row_number")
    }
    expected = {(name, line, field) for name, line, field, _ in FAULTS}
    assert expected <= found, expected - found
    foreign = [(task.place, error.row_number) for task in report.tasks for error in task.errors
               if error.type == "foreign-key"]  # fmt: skip
    assert foreign == [UNKNOWN_HOLDER[:2]]


def test_header_and_duplicate_key_problems(tmp_path: Path) -> None:
    path = tmp_path / "chronology.csv"
    lines = (DATA / "chronology.csv").read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([lines[0], lines[1], lines[1]]) + "\n", encoding="utf-8")
    problems: list[str] = []
    rows = list(read_table(path, CHRONOLOGY, problems))
    assert len(rows) == 2
    assert problems == [
        "chronology.csv:3: unit + start 'anatolia + 1878-07-13' appears more than once "
        "(first on line 2)"
    ]
    path.write_text(lines[0] + ",extent\n", encoding="utf-8")
    problems = []
    assert not list(read_table(path, CHRONOLOGY, problems))
    assert problems == [
        "chronology.csv: column(s) extent not in the schema (geo/records/table_schemas.py)"
    ]
