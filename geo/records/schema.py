"""Table schemas of the CSV files, and the row checker that ``geo.validate`` runs against them.

The atlas has one description of each table: the ``Table`` records in
``geo.records.table_schemas``. ``data/datapackage.json`` embeds them as Frictionless Table
Schemas (``Table.descriptor``), and the loaders read every CSV through ``read_table`` here, which
checks each row against the same fields and constraints. So the package a reader downloads, the
``frictionless`` validator and ``geo.validate`` all enforce one schema.

Only the part of the Table Schema standard the atlas uses is implemented: the types string,
number, date and boolean; the constraints required, enum, pattern, minimum, maximum and unique;
a primary key. Foreign keys are declared in the package (``frictionless`` checks them) and
``geo.validate`` checks the same references with its own messages.

A cell that cannot be read as its type (a date that is no date) makes the row unreadable: it is
reported and skipped, because no record can be built from it. Any other broken constraint is
reported and the row is still loaded, so that one run lists every problem without follow-ups.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.records.model import parse_date

TRUE_VALUES = ("yes",)
FALSE_VALUES = ("no",)
SCHEMA_HOME = "geo/records/table_schemas.py"
NUMBER = re.compile(r"-?\d+(\.\d+)?")

Row = dict[str, str]


@dataclass(frozen=True)
class Field:
    """One column: its Table Schema type and constraints, and what it means.

    ``pattern_text`` says in words what ``pattern`` allows, for the validator's messages.
    """

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str = ""
    pattern_text: str = ""
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False

    def descriptor(self) -> dict[str, Any]:
        """The field as a Frictionless Table Schema field descriptor."""
        found: dict[str, Any] = {"name": self.name, "type": self.type,
                                 "description": self.description}  # fmt: skip
        if self.type == "date":
            found["format"] = "default"
        if self.type == "boolean":
            found["trueValues"] = list(TRUE_VALUES)
            found["falseValues"] = list(FALSE_VALUES)
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if constraints:
            found["constraints"] = constraints
        return found

    def read(self, value: str) -> float | None:
        """Raise ValueError when ``value`` is not of the field's type; numbers come back."""
        if self.type == "date":
            parse_date(value, self.name)
        elif self.type == "boolean" and value not in TRUE_VALUES + FALSE_VALUES:
            allowed = " or ".join(TRUE_VALUES + FALSE_VALUES)
            raise ValueError(f"{self.name}: {value!r} must be {allowed}")
        elif self.type == "number":
            if not NUMBER.fullmatch(value):
                raise ValueError(f"{self.name}: {value!r} is not a number")
            return float(value)
        return None

    def constraint_problems(self, value: str, number: float | None) -> list[str]:
        """Broken constraints of a non-empty, readable ``value``."""
        problems = []
        if self.enum and value not in self.enum:
            problems.append(f"{self.name} {value!r} is not one of {', '.join(self.enum)}")
        if self.pattern and not re.fullmatch(self.pattern, value):
            problems.append(f"{self.name} {value!r} is not {self.pattern_text}")
        if number is not None and self.minimum is not None and number < self.minimum:
            problems.append(f"{self.name} {value} is below {self.minimum:g}")
        if number is not None and self.maximum is not None and number > self.maximum:
            problems.append(f"{self.name} {value} is above {self.maximum:g}")
        return problems


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of this table refer to ``reference_fields`` of ``resource`` ("" = itself)."""

    fields: str
    resource: str
    reference_fields: str

    def descriptor(self) -> dict[str, Any]:
        reference = {"resource": self.resource, "fields": self.reference_fields}
        return {"fields": self.fields, "reference": reference}


@dataclass(frozen=True)
class Table:
    """A CSV file of ``data/``: ``path`` relative to it, ``name`` its resource name."""

    path: str
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    def descriptor(self) -> dict[str, Any]:
        """The Frictionless Table Schema: fields in column order, keys, empty cell = missing."""
        found: dict[str, Any] = {"fields": [field.descriptor() for field in self.fields],
                                 "missingValues": [""]}  # fmt: skip
        if self.primary_key:
            found["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            found["foreignKeys"] = [key.descriptor() for key in self.foreign_keys]
        return found

    def row_problems(self, row: Row) -> tuple[list[str], bool]:
        """Problems of one row (cells already stripped), and whether the row is unreadable."""
        problems: list[str] = []
        unreadable = False
        for field in self.fields:
            value = row.get(field.name, "")
            if not value:
                if field.required:
                    problems.append(f"{field.name} is empty (required)")
                continue
            try:
                number = field.read(value)
            except ValueError as error:
                problems.append(str(error))
                unreadable = True
                continue
            problems += field.constraint_problems(value, number)
        return problems, unreadable


def header_problem(table: Table, header: list[str]) -> str | None:
    """The columns must be the schema's, in its order, as Frictionless requires."""
    if tuple(header) == table.columns:
        return None
    missing = [name for name in table.columns if name not in header]
    extra = [name for name in header if name not in table.columns]
    if missing:
        return f"{table.path}: missing column(s) {', '.join(missing)}"
    if extra:
        return f"{table.path}: column(s) {', '.join(extra)} not in the schema ({SCHEMA_HOME})"
    return f"{table.path}: columns are not in the schema's order ({', '.join(table.columns)})"


def read_table(path: Path, table: Table, problems: list[str]) -> Iterator[tuple[int, Row]]:
    """Yield (line number, row) for every readable row of ``path``, checked against ``table``.

    Every problem goes to ``problems`` as ``file:line: ...``; a missing file or a wrong header
    yields nothing, an unreadable row is skipped, duplicate keys are reported where they recur.
    """
    if not path.is_file():
        problems.append(f"{table.path}: file is missing")
        return
    keys: list[tuple[str, ...]] = [(field.name,) for field in table.fields if field.unique]
    if table.primary_key:
        keys.append(table.primary_key)
    seen: dict[tuple[str, ...], dict[tuple[str, ...], int]] = {key: {} for key in keys}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        problem = header_problem(table, list(reader.fieldnames or []))
        if problem:
            problems.append(problem)
            return
        for row in reader:
            where = f"{table.path}:{reader.line_num}"
            if None in row:
                problems.append(f"{where}: more cells than columns")
                continue
            cells = {key: (value or "").strip() for key, value in row.items()}
            found, unreadable = table.row_problems(cells)
            problems += [f"{where}: {text}" for text in found]
            for key, first_lines in seen.items():
                value = tuple(cells[name] for name in key)
                if value in first_lines:
                    problems.append(
                        f"{where}: {' + '.join(key)} {' + '.join(value)!r} appears more than "
                        f"once (first on line {first_lines[value]})"
                    )
                first_lines.setdefault(value, reader.line_num)
            if not unreadable:
                yield reader.line_num, cells


def table_problems(data_dir: Path, tables: tuple[Table, ...]) -> list[str]:
    """Check whole files that no loader reads for ``geo.validate``; absent files are skipped."""
    problems: list[str] = []
    for table in tables:
        path = data_dir / table.path
        if path.is_file():
            for _ in read_table(path, table, problems):
                pass
    return problems
