"""The legal-status convention in ``geo.validate``: each planted violation is named, and the panel's
"by convention" sentence gives the other reading's date."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from geo.engine.timeline import Atlas
from geo.records.convention import reading_note
from geo.validate import validate

FIXTURE = Path(__file__).parent / "fixtures" / "data"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def planted(tmp_path: Path, edits: list[tuple[str, str, str]]) -> list[str]:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    for name, old, new in edits:
        edit(data / name, old, new)
    return validate(data, shared=tmp_path / "no-shared").problems


MOSCOW = "documents/treaty-of-moscow-1921.yaml"
KARS_TREATY = "documents/treaty-of-kars-1921.yaml"
LAUSANNE = "documents/lausanne-straits-convention-1923.yaml"


def test_the_fixture_follows_the_convention(tmp_path: Path) -> None:
    assert planted(tmp_path, []) == []


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        pytest.param(
            [(MOSCOW, "title_effect: transfers", "title_effect: none")],
            "sovereign period rests on 'treaty-of-moscow-1921', which does not transfer or confirm "
            "title (title_effect 'none')",
            id="basis-without-title",
        ),
        pytest.param(
            [(KARS_TREATY, "never_in_force: false", "never_in_force: true")],
            "sovereign period rests on 'treaty-of-kars-1921', which never came into force",
            id="never-in-force",
        ),
        pytest.param(
            [(LAUSANNE, "in_force: null", "in_force: 1924-09-01")],
            "demilitarized from 1924-08-06, before 'lausanne-straits-convention-1923' came into "
            "force (1924-09-01)",
            id="regime-before-force",
        ),
        pytest.param(
            [(KARS_TREATY, "title_effect: transfers", "title_effect: bogus")],
            "title_effect: 'bogus' is not one of ['transfers', 'confirms', 'regime', 'none']",
            id="unknown-title-effect",
        ),
        pytest.param(
            [("chronology.csv", "anatolia,1923-10-29,,,turkey,,sovereign",
              "anatolia,1923-10-29,,,turkey,,occupied")],
            "occupation without an end and without a note",
            id="endless-occupation",
        ),
    ],
)
def test_each_violation_is_named(tmp_path: Path, edits: list[tuple[str, str, str]],
                                 message: str) -> None:
    problems = planted(tmp_path, edits)
    assert any(message in problem for problem in problems), problems


def test_title_from_entry_into_force_and_mixed_readings_are_refused(tmp_path: Path) -> None:
    """Kars reads Moscow from its (planted) entry into force, Batumi from its signature."""
    problems = planted(tmp_path, [
        (MOSCOW, "in_force: null", "in_force: 1921-03-20"),
        ("chronology.csv", "kars,1920-10-30,1921-03-16,", "kars,1920-10-30,1921-03-20,"),
        ("chronology.csv", "kars,1921-03-16,1921-10-13,", "kars,1921-03-20,1921-10-13,"),
    ])
    text = "\n".join(problems)
    assert "title dated from the entry into force of 'treaty-of-moscow-1921'" in text
    assert ("documents/treaty-of-moscow-1921: read differently in different units "
            "(entry into force, signature)") in text


def test_panel_sentence_names_the_convention_and_the_other_date() -> None:
    atlas = Atlas.load()
    kars = atlas.state_at(date(1930, 1, 1)).units["kars"].period
    note = reading_note(kars, atlas.documents[kars.basis_doc])
    assert note == ("By convention: title from signature (13 October 1921); ratified "
                    "11 September 1922, in force 11 September 1922.")
    imbros = atlas.state_at(date(1924, 1, 1)).units["straits-imbros"].period
    note = reading_note(imbros, atlas.documents[imbros.basis_doc])
    assert note.startswith("By convention: title from signature (24 July 1923); drawn from the "
                           "handover on 1 October 1923; in force 6 August 1924")
    occupied = atlas.state_at(date(1921, 1, 1)).units["kars"].period
    assert reading_note(occupied, None) == ""
