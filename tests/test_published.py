"""The Atlas map's per-data files are built once per data version and language, then found by
later processes (``geo.web.published``): a new server or replica must not walk the timeline
again, and must never get the timeline of other data or another language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app_pages import i18n
from geo.engine.timeline import Atlas
from geo.web import published
from geo.web.mapview import StateLayers, display_geometry_json, legend_runs

FIXTURE = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    return folder


def test_files_hold_the_shapes_and_the_timeline(data: Path, tmp_path: Path) -> None:
    atlas = Atlas.load(data)
    static = tmp_path / "static"
    shapes, timeline = published.shapes_file(atlas, static), published.timeline_file(
        atlas, data, static=static)
    assert (static / "geo" / shapes).read_text() == display_geometry_json(atlas.geometries)
    assert (static / "geo" / timeline).read_text() == StateLayers(atlas, "").timeline_json()


def test_a_later_process_reuses_the_timeline(data: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    atlas = Atlas.load(data)
    first = published.timeline_file(atlas, data, static=tmp_path / "static")

    def walk(_self: StateLayers) -> str:
        raise AssertionError("the timeline was built again")

    monkeypatch.setattr(StateLayers, "timeline_json", walk)
    assert published.timeline_file(Atlas.load(data), data, static=tmp_path / "static") == first


def test_each_language_has_its_own_timeline(data: Path, tmp_path: Path) -> None:
    atlas = Atlas.load(data)
    static = tmp_path / "static"
    english = published.timeline_file(atlas, data, i18n.map_words("en"), static)
    turkish = published.timeline_file(atlas, data, i18n.map_words("tr"), static)
    assert english != turkish
    assert (static / "geo" / turkish).read_text() == StateLayers(
        atlas, "", i18n.map_words("tr")).timeline_json()
    assert published.timeline_file(atlas, data, static=static) == english


def test_new_data_or_a_missing_file_build_anew(data: Path, tmp_path: Path) -> None:
    static = tmp_path / "static"
    atlas = Atlas.load(data)
    first = published.timeline_file(atlas, data, static=static)
    (static / "geo" / first).unlink()
    assert published.timeline_file(atlas, data, static=static) == first
    assert (static / "geo" / first).is_file()

    chronology = data / "chronology.csv"
    chronology.write_text(chronology.read_text().replace("firm", "approximate", 1))
    published.data_hash.cache_clear()
    changed = Atlas.load(data)
    assert published.timeline_file(changed, data, static=static) != first


def test_the_legend_file_holds_every_day_legend_in_its_language(data: Path,
                                                                tmp_path: Path) -> None:
    atlas = Atlas.load(data)
    static = tmp_path / "static"
    english = published.legend_file(atlas, static=static)
    assert json.loads((static / "geo" / english).read_text()) == legend_runs(atlas)
    turkish = published.legend_file(atlas, i18n.translations("tr").gettext,
                                    lambda key: i18n.term(key, "tr"), static)
    assert turkish != english
    assert published.legend_file(atlas, static=static) == english
