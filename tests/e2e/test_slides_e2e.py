"""A slide image downloads from a tour scene in a real Chromium and has the projector's size."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

pytestmark = pytest.mark.e2e

TOUR = "kars-ardahan-artvin"


def test_tour_scene_slide_downloads_as_a_1920x1080_png(page, app_url: str,
                                                        tmp_path: Path) -> None:  # fmt: skip
    page.goto(f"{app_url}/tour?tour={TOUR}&scene=1")
    button = page.get_by_role("button", name="Slide PNG 1920×1080")
    button.wait_for(timeout=60000)
    with page.expect_download(timeout=90000) as info:
        button.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name.startswith("borderlands-atlas_slide_") and saved.suffix == ".png"
    assert Image.open(saved).size == (1920, 1080)
    assert page.outside_requests == [] and page.js_errors == []
