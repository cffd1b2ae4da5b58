"""The Sources page's "Download the data" section, on the small fixture data."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.data_downloads import data_zip
from geo.records.version import data_files

FIXTURES = Path(__file__).parent / "fixtures" / "data"


def test_data_zip_holds_every_data_file_and_is_reproducible() -> None:
    blob = data_zip(FIXTURES)
    assert blob == data_zip(FIXTURES)
    names = zipfile.ZipFile(io.BytesIO(blob)).namelist()
    assert names == ["data/" + p.relative_to(FIXTURES).as_posix() for p in data_files(FIXTURES)]
    assert "data/chronology.csv" in names


def test_sources_page_offers_package_time_layer_and_citation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BORDERLANDS_DATA", str(FIXTURES))
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.switch_page("app_pages/sources.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Download the data" in [h.value for h in at.header]
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels[-5:] == ["Data package (ZIP)", "GeoPackage (periods + claims)",
                           "GeoJSON: periods", "GeoJSON: claims", "CITATION.cff"]  # fmt: skip
