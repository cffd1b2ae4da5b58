"""The Sources page's "Download the data" section, on the small fixture data."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import frictionless
import pytest
from streamlit.testing.v1 import AppTest

from app_pages.data_downloads import data_zip
from geo.paths import DATA
from geo.records.version import data_files

FIXTURES = Path(__file__).parent / "fixtures" / "data"


def test_data_zip_holds_every_data_file_and_is_reproducible() -> None:
    blob = data_zip(FIXTURES)
    assert blob == data_zip(FIXTURES)
    names = zipfile.ZipFile(io.BytesIO(blob)).namelist()
    assert names == ["data/" + p.relative_to(FIXTURES).as_posix() for p in data_files(FIXTURES)]
    assert "data/chronology.csv" in names


def sources_page(data: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("BORDERLANDS_DATA", str(data))
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.switch_page("app_pages/sources.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Download the data" in [h.value for h in at.header]
    return at


def test_sources_page_offers_package_time_layer_and_citation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = sources_page(FIXTURES, monkeypatch)
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels[-5:] == ["Data package (ZIP)", "GeoPackage (periods + claims)",
                           "GeoJSON: periods", "GeoJSON: claims", "CITATION.cff"]  # fmt: skip


def test_datapackage_json_is_offered_once_it_exists(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    (data / "datapackage.json").write_text('{"name": "fixture", "resources": []}\n')
    at = sources_page(data, monkeypatch)
    labels = [button.proto.label for button in at.get("download_button")]
    assert "datapackage.json alone" in labels
    assert "Frictionless Data Package" in "\n".join(m.value for m in at.markdown)


def test_the_real_data_zip_is_a_valid_frictionless_package(tmp_path: Path) -> None:
    """What a reader downloads validates as it is: the package travels inside the archive."""
    zipfile.ZipFile(io.BytesIO(data_zip(DATA))).extractall(tmp_path)
    report = frictionless.validate(str(tmp_path / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]
    assert len(report.tasks) == len(data_files(DATA)) - 1  # every file but the package itself


def test_sources_page_offers_the_committed_package(monkeypatch: pytest.MonkeyPatch) -> None:
    at = sources_page(DATA, monkeypatch)
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels[-6:] == ["Data package (ZIP)", "datapackage.json alone",
                           "GeoPackage (periods + claims)", "GeoJSON: periods",
                           "GeoJSON: claims", "CITATION.cff"]  # fmt: skip
    text = "\n".join(m.value for m in at.markdown)
    assert "frictionless validate data/datapackage.json" in text
    assert '`to_datetime("start")` and `to_datetime("end")`' in text
