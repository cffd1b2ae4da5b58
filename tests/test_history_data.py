"""Schema checks for the hand-made history CSVs (holders, chronology, claims, events).

These run without the engine so that a broken row is reported by file and line even when
`geo.engine.timeline` cannot load the data at all.
"""

import csv
import itertools
import re
from datetime import date
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
RANGE_START = date(1878, 7, 13)
EVENTS_START = date(1877, 1, 1)  # the war that led to Berlin is shown as context
RANGE_END = date(1991, 12, 26)

HOLDER_COLS = ["id", "name", "short_name", "kind", "parent", "sources"]
CHRONO_COLS = [
    "unit", "start", "end", "start_range", "holder", "within", "status", "regime",
    "basis_doc", "basis_article", "basis_text", "certainty", "sources", "note",
]
CLAIM_COLS = [
    "unit", "start", "end", "claimant", "within", "kind", "basis_doc", "basis_article",
    "basis_text", "in_force", "extent", "sources", "note",
]
EVENT_COLS = ["date", "id", "title", "kind", "units", "summary", "doc", "article", "sources"]

HOLDER_KINDS = {"state", "union-republic", "alliance", "local-authority", "occupation-authority"}
STATUSES = {"sovereign", "occupied", "administered", "autonomous", "contested", "demilitarized"}
CERTAINTIES = {"firm", "approximate", "disputed"}
CLAIM_KINDS = {"claim", "award", "demand", "treaty-never-in-force", "disputed-regime"}
EVENT_KINDS = {"treaty", "war", "occupation", "diplomacy", "administrative", "crisis", "other"}

FOCUS = {"kars", "kagizman", "ardahan", "oltu", "artvin", "igdir", "batumi", "nakhchivan"}
STRAITS = {
    "straits-gallipoli", "straits-dardanelles-asia", "straits-bosporus-europe",
    "straits-bosporus-asia", "straits-marmara-islands", "straits-imbros", "straits-tenedos",
    "straits-rabbit-islands", "straits-lemnos", "straits-samothrace",
}
CONTEXT = {
    "lazistan-east", "anatolia", "eastern-thrace", "georgia", "armenia", "azerbaijan", "iran",
    "north-caucasus", "crimea-ukraine", "greece", "bulgaria", "romania", "balkans-west",
    "syria", "lebanon", "iraq", "cyprus",
}
DOCUMENT_IDS = {
    "treaty-of-berlin-1878", "treaty-of-brest-litovsk-1918",
    "russo-turkish-supplementary-treaty-1918", "treaty-of-batum-1918-ottoman-armenia",
    "treaty-of-batum-1918-ottoman-azerbaijan", "armistice-of-mudros-1918", "treaty-of-sevres-1920",
    "wilson-arbitral-award-1920", "treaty-of-alexandropol-1920", "treaty-of-moscow-1921",
    "treaty-of-kars-1921", "treaty-of-lausanne-1923", "lausanne-straits-convention-1923",
    "lausanne-protocol-imbros-tenedos-1923", "soviet-turkish-treaty-1925",
    "montreux-convention-1936", "soviet-denunciation-1925-treaty-1945",
    "soviet-demands-1945-06-07", "potsdam-protocol-1945", "soviet-note-straits-1946-08-07",
    "turkish-reply-straits-1946-08-22", "truman-doctrine-1947", "nato-accession-protocol-1951",
    "soviet-note-renouncing-claims-1953", "cia-intelligence-soviet-note-1953",
    "karsky-ataturk-conversation-1937", "us-note-straits-1945-11-02",
    "soviet-note-straits-1946-09-24", "us-note-straits-1946-10-09",
    "lausanne-declaration-straits-fleets-1923",
}
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(DATA / name, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def parse(value: str) -> date:
    assert ISO.match(value), f"not an ISO date: {value!r}"
    return date.fromisoformat(value)


def check_sources(value: str, where: str) -> None:
    urls = [u.strip() for u in value.split(" | ")]
    assert urls and all(u.startswith(("http://", "https://")) for u in urls), where
    assert all(" " not in u for u in urls), f"{where}: sources must be separated by ' | '"


def check_range(value: str, start: date, where: str) -> None:
    lo, sep, hi = value.partition("..")
    assert sep, f"{where}: start_range must be 'YYYY-MM-DD..YYYY-MM-DD'"
    assert parse(lo) <= start <= parse(hi), f"{where}: drawn start lies outside start_range"


@pytest.fixture(scope="module")
def holders() -> dict[str, dict[str, str]]:
    cols, rows = read("holders.csv")
    assert cols == HOLDER_COLS
    return {r["id"]: r for r in rows}


@pytest.fixture(scope="module")
def chronology() -> list[dict[str, str]]:
    cols, rows = read("chronology.csv")
    assert cols == CHRONO_COLS
    return rows


def unit_ids() -> set[str]:
    units_csv = DATA / "units.csv"
    if units_csv.exists():
        _, rows = read("units.csv")
        return {r["id"] for r in rows}
    return FOCUS | STRAITS | CONTEXT


def test_holders_are_unique_sorted_and_typed(holders: dict[str, dict[str, str]]) -> None:
    _, rows = read("holders.csv")
    ids = [r["id"] for r in rows]
    assert ids == sorted(set(ids)), "holders.csv must be sorted by id without duplicates"
    for r in rows:
        assert KEBAB.match(r["id"]), r["id"]
        assert r["kind"] in HOLDER_KINDS, r["id"]
        assert r["name"] and r["short_name"], r["id"]
        if r["kind"] == "union-republic":
            assert r["parent"] in holders, r["id"]
        check_sources(r["sources"], r["id"])


def test_canonical_holders_present(holders: dict[str, dict[str, str]]) -> None:
    canonical = {
        "russian-empire", "ottoman-empire", "turkey", "armenia", "georgia", "azerbaijan",
        "united-kingdom", "soviet-russia", "ussr", "iran", "greece", "bulgaria", "allied-powers",
        "armenian-ssr", "georgian-ssr", "azerbaijan-ssr", "transcaucasian-sfsr", "russian-sfsr",
    }
    assert canonical <= set(holders)


def test_chronology_rows_are_well_formed(
    chronology: list[dict[str, str]], holders: dict[str, dict[str, str]]
) -> None:
    keys = [(r["unit"], r["start"]) for r in chronology]
    assert keys == sorted(keys), "chronology.csv must be sorted by unit, then start"
    for i, r in enumerate(chronology, start=2):
        where = f"chronology.csv line {i} ({r['unit']} {r['start']})"
        start = parse(r["start"])
        if r["end"]:
            assert start < parse(r["end"]), where
        if r["start_range"]:
            check_range(r["start_range"], start, where)
        assert r["holder"] in holders, where
        assert not r["within"] or r["within"] in holders, where
        if r["holder"] == "ussr" and r["status"] != "occupied":
            assert holders[r["within"]]["parent"] == "ussr", f"{where}: USSR rows need a republic"
        assert r["status"] in STATUSES, where
        assert r["certainty"] in CERTAINTIES, where
        assert not r["regime"] or r["unit"].startswith("straits-"), where
        assert not r["basis_doc"] or r["basis_doc"] in DOCUMENT_IDS, where
        assert not r["basis_article"] or r["basis_doc"], where
        assert r["basis_text"].strip(), where
        assert "\n" not in r["basis_text"] + r["note"], where
        check_sources(r["sources"], where)


def test_every_unit_covers_the_study_range_exactly_once(chronology: list[dict[str, str]]) -> None:
    by_unit: dict[str, list[dict[str, str]]] = {}
    for r in chronology:
        by_unit.setdefault(r["unit"], []).append(r)
    assert set(by_unit) == unit_ids()
    for unit, periods in by_unit.items():
        assert parse(periods[0]["start"]) == RANGE_START, unit
        for prev, nxt in itertools.pairwise(periods):
            assert prev["end"] == nxt["start"], f"{unit}: gap or overlap at {prev['end']}"
        last_end = periods[-1]["end"]
        assert not last_end or parse(last_end) > RANGE_END, unit


def test_soviet_union_appears_only_from_1922_12_30(
    chronology: list[dict[str, str]], holders: dict[str, dict[str, str]]
) -> None:
    for r in chronology:
        inside_union = r["within"] in holders and holders[r["within"]]["parent"] == "ussr"
        if r["holder"] == "ussr" or inside_union:
            assert r["start"] >= "1922-12-30", f"{r['unit']} {r['start']}"
        assert r["within"] != "transcaucasian-sfsr", "within names the union republic"


def test_claims(holders: dict[str, dict[str, str]]) -> None:
    cols, rows = read("claims.csv")
    assert cols == CLAIM_COLS
    keys = [(r["unit"], r["start"], r["claimant"]) for r in rows]
    assert keys == sorted(keys)
    for i, r in enumerate(rows, start=2):
        where = f"claims.csv line {i}"
        assert r["unit"] in unit_ids(), where
        start = parse(r["start"])
        assert RANGE_START <= start <= RANGE_END, where
        assert not r["end"] or start < parse(r["end"]), where
        assert r["claimant"] in holders, where
        assert not r["within"] or r["within"] in holders, where
        assert r["kind"] in CLAIM_KINDS, where
        assert r["in_force"] in {"yes", "no"}, where
        assert r["extent"] in {"named", "inferred"}, where
        if r["kind"] == "treaty-never-in-force":
            assert r["in_force"] == "no", where
        assert not r["basis_doc"] or r["basis_doc"] in DOCUMENT_IDS, where
        assert r["basis_text"].strip(), where
        check_sources(r["sources"], where)


def test_events() -> None:
    cols, rows = read("events.csv")
    assert cols == EVENT_COLS
    keys = [(r["date"], r["id"]) for r in rows]
    assert keys == sorted(keys), "events.csv must be sorted by date, then id"
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "event ids must be unique"
    known = unit_ids()
    for i, r in enumerate(rows, start=2):
        where = f"events.csv line {i} ({r['id']})"
        assert EVENTS_START <= parse(r["date"]) <= RANGE_END, where
        assert KEBAB.match(r["id"]), where
        assert r["kind"] in EVENT_KINDS, where
        assert r["title"].strip() and r["summary"].strip(), where
        assert "\n" not in r["summary"], where
        units = [u for u in r["units"].split(" | ") if u]
        assert all(u in known for u in units), where
        assert not r["doc"] or r["doc"] in DOCUMENT_IDS, where
        assert not r["article"] or r["doc"], where
        check_sources(r["sources"], where)


def test_claims_stay_off_the_coarse_anatolia_unit() -> None:
    """No claim matches all of Asian Turkey, so hatching that unit would overstate any of them."""
    _, rows = read("claims.csv")
    assert not [r for r in rows if r["unit"] == "anatolia"]


def period_on(chronology: list[dict[str, str]], unit: str, day: str) -> dict[str, str]:
    return next(
        r for r in chronology
        if r["unit"] == unit and r["start"] <= day and (not r["end"] or day < r["end"])
    )


@pytest.mark.parametrize("unit", ["north-caucasus", "crimea-ukraine", "kazakhstan", "moldova"])
def test_civil_war_lands_are_not_drawn_as_soviet_in_1919(
    chronology: list[dict[str, str]], unit: str
) -> None:
    """White, Cossack, national and foreign forces held these areas for long stretches."""
    assert period_on(chronology, unit, "1919-06-01")["holder"] != "soviet-russia"
