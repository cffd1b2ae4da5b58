"""Tour files: format, validation and round trip; shipped tours are checked by geo.validate."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

import pytest

from geo.records import tours

MINIMAL = """
id: demo
title: Demo tour
scenes:
  - date: 1921-10-13
    title: Kars
    bounds: [40.5, 39.8, 44.0, 41.6]
    regions: [kars]
    expect_holder: {kars: turkey}
    caption: Kars is Turkish after the treaty.
    document: treaty-of-kars-1921
    article: "IV"
"""


def test_minimal_tour_parses() -> None:
    tour = tours.loads(MINIMAL)
    scene = tour.scenes[0]
    assert tour.id == "demo"
    assert scene.date == date(1921, 10, 13)
    assert scene.bounds == (40.5, 39.8, 44.0, 41.6)
    assert scene.expect_holder == {"kars": "turkey"}
    assert scene.article == "IV"
    assert scene.center == pytest.approx((40.7, 42.25))


def test_round_trip_is_lossless() -> None:
    tour = tours.loads(MINIMAL)
    again = tours.loads(tours.dumps(tour))
    assert again == tour
    assert tours.dumps(again) == tours.dumps(tour)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("caption: Kars is Turkish after the treaty.", "caption: " + "word " * 81), "81 words"),
        (
            ("date: 1921-10-13", "date: 13.10.1921"),
            "uploaded tour:5: scenes[0].date: '13.10.1921' is not a date written YYYY-MM-DD",
        ),
        (("bounds: [40.5, 39.8, 44.0, 41.6]", "bounds: [44.0, 39.8, 40.5, 41.6]"), "lon/lat box"),
        (("id: demo", "id: Demo Tour"), "uploaded tour:2: id: 'Demo Tour' is not kebab-case"),
        (
            ("    regions: [kars]", "    regions: [kars]\n    layers: [tiles]"),
            "uploaded tour:9: scenes[0].layers[0]: 'tiles' is not one of",
        ),
        (
            ("    document: treaty-of-kars-1921\n", ""),
            "uploaded tour:5: scenes[0]: 'article' given without 'document'",
        ),
    ],
)
def test_invalid_tours_are_rejected_with_a_reason(edit: tuple[str, str], message: str) -> None:
    with pytest.raises(tours.TourError, match=re.escape(message)):
        tours.loads(MINIMAL.replace(*edit))


def test_garbage_upload_is_a_tour_error() -> None:
    for text in ("[unclosed", "just a string", "id: x\ntitle: y\nscenes: []"):
        with pytest.raises(tours.TourError):
            tours.loads(text)


def test_reorder_and_remove() -> None:
    base = tours.loads(MINIMAL)
    second = tours.Scene(date=date(1878, 7, 13), title="Berlin", caption="Russian.")
    tour = tours.append_scene(base, second)
    moved = tours.move_scene(tour, 1, -1)
    assert [s.title for s in moved.scenes] == ["Berlin", "Kars"]
    assert tours.move_scene(moved, 0, -5) == moved
    assert [s.title for s in tours.remove_scene(moved, 0).scenes] == ["Kars"]


class _FakeAtlas:
    def __init__(self) -> None:
        self.units = {"kars": SimpleNamespace(name_en="Kars"), "batumi": SimpleNamespace()}
        self.documents = {"treaty-of-kars-1921": {"articles": [{"article": "IV"}]}}

    def state_at(self, day: date) -> SimpleNamespace:
        holder = "turkey" if day >= date(1920, 10, 30) else "armenia"
        period = SimpleNamespace(holder=holder)
        return SimpleNamespace(units={"kars": SimpleNamespace(period=period)})


def test_scene_from_view_records_the_holder() -> None:
    scene = tours.scene_from_view(
        _FakeAtlas(), date(1921, 1, 1), regions=["kars", "nowhere"], layers=["claims", "x"]
    )
    assert scene.regions == ("kars",)
    assert scene.layers == ("claims",)
    assert scene.expect_holder == {"kars": "turkey"}
    assert "Kars" in scene.title


def test_history_check_catches_a_wrong_holder() -> None:
    tour = tours.loads(MINIMAL.replace("1921-10-13", "1919-06-01"))
    problems = tours.check_against_history(tour, _FakeAtlas())
    assert problems == ["demo scene 1 (1919-06-01): kars is held by armenia, scene says turkey"]
    assert tours.check_against_history(tours.loads(MINIMAL), _FakeAtlas()) == []
