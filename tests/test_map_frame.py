"""The prepared map component sends exactly what ``st_folium`` would send for the same map."""

from __future__ import annotations

import re
from datetime import date

import pytest
import streamlit_folium as sf

from app_pages import map_frame
from geo.engine.timeline import Atlas
from geo.paths import DATA
from geo.web import mapview

URLS = {"land": "/app/static/geo/land.geojson", "cities": "/app/static/geo/cities.geojson"}
JS = [("leaflet", "/app/static/vendor/leaflet.js"), ("atlas_map", "/app/static/app/js/a.js")]
CSS = [("leaflet_css", "/app/static/vendor/leaflet.css")]


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(DATA)


def captured(monkeypatch: pytest.MonkeyPatch, call) -> dict:
    """The component's keyword arguments, element ids (random per render) made uniform."""
    seen: dict = {}
    monkeypatch.setattr(sf, "_component_func", lambda **kwargs: seen.update(kwargs))
    call()
    del seen["on_change"]
    return {k: re.sub(r"_[0-9a-f]{32}\b", "_ID", v) if isinstance(v, str) else v
            for k, v in seen.items()}


@pytest.mark.parametrize(("timeline", "day"), [("/app/static/geo/t.json", date(1919, 6, 1)),
                                               (None, date(1946, 1, 1))])
def test_prepared_frame_sends_what_st_folium_sends(monkeypatch, atlas, timeline, day) -> None:
    layers = mapview.StateLayers(atlas, "/app/static/geo/units.geojson")
    labels = [mapview.Label("Kars", 43.1, 40.6)]

    def base():
        return mapview.build_base_map(URLS, labels, JS, CSS, timeline)

    def group():
        return layers.group(atlas.state_at(day), "batumi")

    expected = captured(monkeypatch, lambda: sf.st_folium(
        base(), key="atlas_map", height=600, use_container_width=True,
        returned_objects=["last_clicked"], feature_group_to_add=group()))
    frame = map_frame.prepare(base())
    got = captured(monkeypatch, lambda: map_frame.show(frame, map_frame.layer(group()), "atlas_map",
                                                             600))
    assert got == expected
    assert "AtlasMap.styler(map_div" in got["feature_group"]
    assert any("pattern" in link.lower() for link in got["js_links"])
