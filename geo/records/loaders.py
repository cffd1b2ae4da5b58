"""Read the committed data files into model records.

Loading never stops at the first bad cell: every row that cannot be read is described in
``Tables.problems`` (file, line, field) and skipped, so that ``geo.validate`` can list all of them
in one run. The engine refuses to start on such problems (see ``geo.engine.timeline.Atlas.load``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import yaml

from geo.paths import DATA
from geo.records.documents import LEADING_KEYS, Document, parse_document
from geo.records.file_schema import schema_problems
from geo.records.model import (
    Claim,
    Event,
    Holder,
    Period,
    Unit,
    parse_date,
    parse_date_range,
    parse_optional_date,
    split_list,
)
from geo.records.schema import Row, Table, read_table
from geo.records.table_schemas import CHRONOLOGY, CLAIMS, EVENTS, HOLDERS, UNITS

NAME_LANGUAGES = ("tr", "ru", "hy", "ka", "az")
# libyaml's safe loader reads the documents about ten times faster than the pure-Python one.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

T = TypeVar("T")


@dataclass
class Tables:
    """Everything under ``data/``, as read, plus what could not be read."""

    units: dict[str, Unit] = field(default_factory=dict)
    geometries: dict[str, dict[str, Any]] = field(default_factory=dict)
    holders: dict[str, Holder] = field(default_factory=dict)
    periods: list[Period] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    document_files: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def read_records(
    data_dir: Path, table: Table, build: Callable[[int, Row], T], problems: list[str]
) -> list[T]:
    """Records of the rows that pass the table's schema; every problem goes to ``problems``."""
    records = []
    for line, row in read_table(data_dir / table.path, table, problems):
        try:
            records.append(build(line, row))
        except ValueError as error:
            problems.append(f"{table.path}:{line}: {error}")
    return records


def build_unit(line: int, row: Row) -> Unit:
    return Unit(
        id=row["id"],
        kind=row["kind"],
        name_en=row["name_en"],
        names={lang: row[f"name_{lang}"] for lang in NAME_LANGUAGES if row[f"name_{lang}"]},
        alt_names=split_list(row["alt_names"]),
        historical_unit=row["historical_unit"],
        modern_equivalent=row["modern_equivalent"],
        resolution=row["resolution"],
        uncertainty_km=float(row["uncertainty_km"] or 0),
        sources=split_list(row["sources"]),
    )


def build_holder(line: int, row: Row) -> Holder:
    return Holder(
        id=row["id"],
        name=row["name"],
        short_name=row["short_name"],
        kind=row["kind"],
        parent=row["parent"],
        sources=split_list(row["sources"]),
    )


def build_period(line: int, row: Row) -> Period:
    return Period(
        unit=row["unit"],
        start=parse_date(row["start"], "start"),
        end=parse_optional_date(row["end"], "end"),
        start_range=parse_date_range(row["start_range"], "start_range"),
        holder=row["holder"],
        within=row["within"],
        status=row["status"],
        regime=row["regime"],
        basis_doc=row["basis_doc"],
        basis_article=row["basis_article"],
        basis_text=row["basis_text"],
        certainty=row["certainty"],
        sources=split_list(row["sources"]),
        note=row["note"],
        line=line,
    )


def build_claim(line: int, row: Row) -> Claim:
    return Claim(
        unit=row["unit"],
        start=parse_date(row["start"], "start"),
        end=parse_optional_date(row["end"], "end"),
        claimant=row["claimant"],
        within=row["within"],
        kind=row["kind"],
        basis_doc=row["basis_doc"],
        basis_article=row["basis_article"],
        basis_text=row["basis_text"],
        in_force=row["in_force"] == "yes",
        extent=row["extent"],
        sources=split_list(row["sources"]),
        note=row["note"],
        line=line,
    )


def build_event(line: int, row: Row) -> Event:
    return Event(
        date=parse_date(row["date"], "date"),
        id=row["id"],
        title=row["title"],
        kind=row["kind"],
        units=split_list(row["units"]),
        summary=row["summary"],
        doc=row["doc"],
        article=row["article"],
        sources=split_list(row["sources"]),
        line=line,
    )


def read_geometries(path: Path, problems: list[str]) -> dict[str, dict[str, Any]]:
    """Map unit id to its GeoJSON feature (geometry and the pipeline's properties), as committed."""
    if not path.is_file():
        problems.append(f"{path.name}: file is missing")
        return {}
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        problems.append(f"{path.name}: not valid JSON ({error})")
        return {}
    features: dict[str, dict[str, Any]] = {}
    for index, feature in enumerate(collection.get("features", [])):
        unit_id = feature.get("id") or feature.get("properties", {}).get("id")
        if not unit_id:
            problems.append(f"{path.name}: feature #{index} has no id")
        elif unit_id in features:
            problems.append(f"{path.name}: unit {unit_id!r} appears more than once")
        elif not feature.get("geometry"):
            problems.append(f"{path.name}: unit {unit_id!r} has no geometry")
        else:
            features[unit_id] = feature
    return features


def with_geometry_properties(unit: Unit, feature: dict[str, Any] | None) -> Unit:
    """Attach the label point and area the pipeline computed, so pages need not touch geometry."""
    if feature is None:
        return unit
    props = feature.get("properties") or {}
    label = props.get("label")
    area = props.get("area_km2")
    return replace(
        unit,
        label=(float(label[0]), float(label[1])) if label else None,
        area_km2=float(area) if area is not None else None,
    )


def read_documents(
    directory: Path, problems: list[str], files: dict[str, str]
) -> dict[str, Document]:
    """Parse each document file on its own so one broken file does not hide the others.

    ``files`` receives the file stem of each document, which the validator compares with its id.
    """
    found: dict[str, Document] = {}
    for path in sorted(directory.glob("*.yaml")):
        origin = f"documents/{path.name}"
        text = path.read_text(encoding="utf-8")
        try:
            raw = yaml.load(text, Loader=YAML_LOADER)
        except (yaml.YAMLError, ValueError) as error:  # ValueError: a date like 1878-13-13
            problems.append(f"{origin}: not valid YAML ({error})")
            continue
        shape = schema_problems("document", raw, origin, text)
        if shape:
            problems += shape
            continue
        if list(raw)[: len(LEADING_KEYS)] != LEADING_KEYS:
            problems.append(f"{origin}: keys must begin {', '.join(LEADING_KEYS)}")
        document = parse_document(raw)
        if document.id in found:
            problems.append(f"{origin}: id {document.id!r} appears more than once")
        found[document.id] = document
        files[document.id] = path.stem
    return found


def load_tables(data_dir: Path = DATA) -> Tables:
    """Read every data file; the result is complete except for rows listed in ``problems``."""
    problems: list[str] = []
    units = {unit.id: unit for unit in read_records(data_dir, UNITS, build_unit, problems)}
    features = read_geometries(data_dir / "units.geojson", problems)
    units = {uid: with_geometry_properties(unit, features.get(uid)) for uid, unit in units.items()}
    holders = {h.id: h for h in read_records(data_dir, HOLDERS, build_holder, problems)}
    periods = read_records(data_dir, CHRONOLOGY, build_period, problems)
    claims = read_records(data_dir, CLAIMS, build_claim, problems)
    events = read_records(data_dir, EVENTS, build_event, problems)
    document_files: dict[str, str] = {}
    documents = read_documents(data_dir / "documents", problems, document_files)
    return Tables(
        units=units,
        geometries={uid: feature["geometry"] for uid, feature in features.items()},
        holders=holders,
        periods=periods,
        claims=claims,
        events=events,
        documents=documents,
        document_files=document_files,
        problems=problems,
    )
