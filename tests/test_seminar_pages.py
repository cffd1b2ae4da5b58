"""Tour, tour index and compare pages under AppTest, on the real data (the shipped tours need it).

The map itself is not rendered by AppTest; the tests read the arguments st_folium would send to
the browser to check that stepping through scenes keeps one map and moves it.
"""

from __future__ import annotations

import html
import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.tour_builder import USER_TOUR
from geo.engine.timeline import Atlas
from geo.records import tours
from tests.app_helpers import open_page

APP = "../app.py"  # relative to this file, as AppTest resolves it


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load()


@pytest.fixture(autouse=True)
def real_data(monkeypatch: pytest.MonkeyPatch, atlas: Atlas) -> None:
    monkeypatch.delenv("BORDERLANDS_DATA", raising=False)


def folium_args(at: AppTest) -> list[dict]:
    return [
        json.loads(c.proto.json_args)
        for c in at.get("component_instance")
        if c.proto.component_name == "streamlit_folium.st_folium"
    ]


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_tour_steps_forward_and_back_and_keeps_one_map() -> None:
    tour = tours.load_tours()["kars-ardahan-artvin"]
    at = open_page("app_pages/tour.py", tour=tour.id, scene="1")
    assert not at.exception
    first = folium_args(at)[0]
    component_id = at.get("component_instance")[0].proto.id
    assert all(link.startswith(("/app/static/vendor/", "/app/static/app/"))
               for link in first["js_links"])
    assert any("FullScreen" in link for link in first["js_links"])
    assert "18 July 1878" not in texts(at) and "13 July 1878" in texts(at)
    for n in (2, 3, 4):
        at.button(key="tour_next").click().run()
        assert at.query_params["scene"] == str(n)
        assert tour.scenes[n - 1].caption.split()[0] in texts(at)
    args = folium_args(at)[0]
    assert at.get("component_instance")[0].proto.id == component_id  # same iframe, no remount
    assert args["script"] == first["script"]
    assert args["feature_group"] != first["feature_group"]
    at.button(key="tour_prev").click().run()
    assert at.query_params["scene"] == "3"


def test_every_clicker_key_is_a_button_shortcut() -> None:
    """Arrows, Page Down/Up and Space each step the tour (Streamlit binds one key a button)."""
    at = open_page("app_pages/tour.py", tour="kars-ardahan-artvin", scene="2")
    shortcuts = {b.key: b.proto.shortcut for b in at.button if b.key.startswith("tour_")}
    assert shortcuts == {"tour_prev": "left", "tour_prev_PageUp": "pageup",
                         "tour_next": "right", "tour_next_PageDown": "pagedown",
                         "tour_next_Space": "space"}
    at.button(key="tour_next_Space").click().run()
    assert at.query_params["scene"] == "3"
    at.button(key="tour_prev_PageUp").click().run()
    assert at.query_params["scene"] == "2"


def test_tour_shows_map_and_scene_text_side_by_side() -> None:
    """One projector screen: the map column on the left, the scene's whole text on the right."""
    tour = tours.load_tours()["straits-sevres-montreux-1946"]
    scene = tour.scenes[1]
    at = open_page("app_pages/tour.py", tour=tour.id, scene="2")
    assert not at.exception
    map_col = next(c for c in at.columns if c.get("component_instance"))
    text_col = next(c for c in at.columns if any("tour-date" in m.value for m in c.markdown))
    assert map_col.weight == pytest.approx(0.63) and text_col.weight == pytest.approx(0.37)
    text = "\n".join(m.value for m in text_col.markdown)
    for part in ("10 August 1920", scene.title, scene.caption, scene.question):
        assert html.escape(part) in text
    assert "(/treaties?doc=treaty-of-sevres-1920)" in text
    assert folium_args(at)[0]["height"] == 630


def test_tour_scene_is_clamped_and_unknown_tour_is_explained() -> None:
    at = open_page("app_pages/tour.py", tour="batumi-1918-1921", scene="99")
    last = tours.load_tours()["batumi-1918-1921"].scenes[-1]
    assert at.query_params["scene"] == str(len(tours.load_tours()["batumi-1918-1921"].scenes))
    assert at.button(key="tour_next").disabled
    assert "13 October 1921" in texts(at) and last.title in texts(at)
    at = open_page("app_pages/tour.py", tour="no-such-tour")
    assert not at.exception and at.warning


def test_index_lists_every_tour_with_a_thumbnail() -> None:
    at = open_page("app_pages/tours.py")
    assert not at.exception
    shipped = tours.load_tours()
    for tour in shipped.values():
        assert tour.title in texts(at)
    assert len(at.get("image")) >= len(shipped)


def test_user_tour_is_reordered_and_round_trips(atlas: Atlas) -> None:
    mine = tours.Tour(id="my-tour", title="Mine", summary="", scenes=(
        tours.scene_from_view(atlas, date(1914, 6, 1), regions=["kars"]),
        tours.scene_from_view(atlas, date(1922, 1, 1), regions=["kars"]),
    ))  # fmt: skip
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state[USER_TOUR] = mine
    at.switch_page("app_pages/tours.py").run()
    at.button(key="down_0").click().run()
    moved = at.session_state[USER_TOUR]
    assert [s.date for s in moved.scenes] == [date(1922, 1, 1), date(1914, 6, 1)]
    assert tours.loads(tours.dumps(moved)).scenes == moved.scenes
    assert moved.scenes[0].expect_holder == {"kars": "turkey"}


def test_compare_lists_kars_with_its_area(atlas: Atlas) -> None:
    at = open_page("app_pages/compare.py", a="1914-06-01", b="1922-01-01")
    assert not at.exception
    assert len(folium_args(at)) == 2
    table = at.dataframe[0].value
    kars = table[table["Region"] == atlas.units["kars"].name_en].iloc[0]
    assert kars["Area (km²)"] == pytest.approx(atlas.units["kars"].area_km2, rel=0.1)
    assert "Turkey" in kars["After"] and "Treaty of Kars" in kars["Basis"]
    at.button(key="preset_1936 vs 1946").click().run()
    assert (at.query_params["a"], at.query_params["b"]) == ("1936-06-01", "1946-09-01")
    table = at.dataframe[0].value
    assert "regime" in " ".join(table["What changed"])


def test_atlas_view_becomes_a_scene_and_a_tour_file(atlas: Atlas) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["date"] = "1921-03-16"
    at.query_params["region"] = "batumi"
    at.run()
    at.toggle(key="w_seminar").set_value(True).run()
    at.button(key="seminar_add_scene").click().run()
    mine = at.session_state[USER_TOUR]
    scene = mine.scenes[-1]
    assert (scene.date, scene.regions) == (date(1921, 3, 16), ("batumi",))
    assert scene.expect_holder == {"batumi": atlas.state_at(scene.date).units["batumi"]
                                   .period.holder}  # fmt: skip
    west, south, east, north = scene.bounds
    assert west < 41.8 < east and south < 41.6 < north  # Batumi is inside the framed view
    at.switch_page("app_pages/tours.py").run()
    assert not at.exception
    assert "Batumi" in texts(at)
    assert tours.loads(tours.dumps(mine)) == mine
