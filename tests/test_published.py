"""The Atlas map's per-data files are built once per data version and then found by later
processes (``geo.web.published``): a new server or replica must not walk the timeline again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geo.engine.timeline import Atlas
from geo.web import published
from geo.web.mapview import StateLayers, display_geometry_json

FIXTURE = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    return folder


def test_files_hold_the_shapes_and_the_timeline(data: Path, tmp_path: Path) -> None:
    atlas = Atlas.load(data)
    files = published.map_files(atlas, data, tmp_path / "static")
    geo = tmp_path / "static" / "geo"
    assert (geo / files.units).read_text() == display_geometry_json(atlas.geometries)
    assert (geo / files.timeline).read_text() == StateLayers(atlas, "").timeline_json()
    assert json.loads(published.index_path(data, tmp_path / "static").read_text()) == {
        "units": files.units, "timeline": files.timeline}


def test_a_later_process_reuses_them(data: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    atlas = Atlas.load(data)
    first = published.map_files(atlas, data, tmp_path / "static")

    def walk(_self: StateLayers) -> str:
        raise AssertionError("the timeline was built again")

    monkeypatch.setattr(StateLayers, "timeline_json", walk)
    assert published.map_files(atlas, data, tmp_path / "static") == first


def test_new_data_or_missing_files_build_anew(data: Path, tmp_path: Path) -> None:
    static = tmp_path / "static"
    atlas = Atlas.load(data)
    first = published.map_files(atlas, data, static)
    (static / "geo" / first.timeline).unlink()
    assert published.map_files(atlas, data, static) == first
    assert (static / "geo" / first.timeline).is_file()

    chronology = data / "chronology.csv"
    chronology.write_text(chronology.read_text().replace("firm", "approximate", 1))
    published.data_hash.cache_clear()
    changed = Atlas.load(data)
    assert published.index_path(data, static) != published.index_path(FIXTURE, static)
    assert published.map_files(changed, data, static).timeline != first.timeline
