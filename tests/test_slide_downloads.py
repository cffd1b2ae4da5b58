"""Slide download buttons on the Atlas (seminar expander) and on every tour scene (AppTest)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from app_pages.slide_downloads import slide_bytes
from geo.records.version import data_hash
from geo.web import slides

APP = "../app.py"  # relative to this file, as AppTest resolves it
LABELS = ["Slide PNG 1920×1080", "Slide PNG 1280×720", "Slide SVG 1920×1080"]


@pytest.fixture(autouse=True)
def real_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BORDERLANDS_DATA", raising=False)


def slide_buttons(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button") if b.proto.label.startswith("Slide ")]


def test_atlas_offers_the_view_as_slides() -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["date"] = "1921-10-13"
    at.query_params["region"] = "kars"
    at.run()
    assert slide_buttons(at) == [], "the seminar section is built only when opened"
    at.toggle(key="w_seminar").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert slide_buttons(at) == LABELS


def test_tour_scene_offers_slides() -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["tour"] = "kars-ardahan-artvin"
    at.query_params["scene"] = "2"
    at.switch_page("app_pages/tour.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert slide_buttons(at) == LABELS


def test_button_data_is_the_slide() -> None:
    spec = slides.SlideSpec(date(1921, 10, 13), ("kars",), size=slides.SIZES["1280x720"])
    blob = slide_bytes(spec, "png", data_hash())
    assert Image.open(io.BytesIO(blob)).size == (1280, 720)
