"""Bench-only baseline: the real app, with only its map drawn the naive way.

``atlas_bench.py`` runs this file as the entry point. It swaps ``st_folium`` for a version that
throws away the page's base map and feature group and instead embeds the whole map in one
folium map on every run: all unit geometry, the land basemap and the per-unit styles (no
feature group, nothing fetched by URL, no tooltips, which only favours the baseline). The map
script then changes with every new state, so streamlit-folium remounts the iframe and re-sends
everything. Pages, panel, widgets, fragment and URL handling are the real app's: the bench puts
a copy of ``app.py`` and a link to ``app_pages/`` beside this file, so that page paths resolve
against this entry point as they do against the real one.
"""

from __future__ import annotations

import json
import runpy
from pathlib import Path
from typing import Any

import folium
import streamlit as st
import streamlit_folium

from app_pages.common import SESSION_DATE, load_atlas, state_layers
from geo.paths import DATA
from geo.web import mapview

REAL_ST_FOLIUM = getattr(streamlit_folium.st_folium, "real", streamlit_folium.st_folium)


@st.cache_resource
def land() -> dict[str, Any] | None:
    path = DATA / "basemap" / "land.geojson"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def naive_map() -> folium.Map:
    atlas = load_atlas()
    described = state_layers(atlas).describe(atlas.state_at(st.session_state[SESSION_DATE]))
    south_west, north_east = mapview.VIEWS[mapview.DEFAULT_VIEW]
    fmap = folium.Map(location=[40.6, 36.2], zoom_start=6, tiles=None, zoom_snap=0.25)
    fmap.default_js = [link for link in folium.Map.default_js if link[0] == "leaflet"]
    fmap.default_css = [link for link in folium.Map.default_css if link[0] == "leaflet_css"]
    if land() is not None:
        folium.GeoJson(land(), interactive=False,
                       style_function=lambda _f: {"stroke": False, "fillOpacity": 1,
                                                  "fillColor": mapview.LAND_COLOUR}).add_to(fmap)
    styles = described["styles"]
    patterns = {style["pattern"]: mapview.make_pattern(style["pattern"]).add_to(fmap)
                for style in styles if style["pattern"]}
    features = [
        {"type": "Feature", "id": uid, "properties": unit["props"],
         "geometry": atlas.geometries[uid]}
        for uid, unit in described["units"].items()
    ]

    def style(feature: dict) -> dict:
        out = dict(styles[described["units"][feature["id"]]["style"]])
        key = out.pop("pattern")
        if key:
            out["fillPattern"] = patterns[key]
        return {k: v for k, v in out.items() if v is not None}

    folium.GeoJson({"type": "FeatureCollection", "features": features},
                   style_function=style).add_to(fmap)
    fmap.fit_bounds([list(south_west), list(north_east)])
    return fmap


def naive_st_folium(_fmap: folium.Map, **kwargs: Any) -> Any:
    kwargs.pop("feature_group_to_add", None)
    return REAL_ST_FOLIUM(naive_map(), **kwargs)


naive_st_folium.real = REAL_ST_FOLIUM
streamlit_folium.st_folium = naive_st_folium
runpy.run_path(str(Path(__file__).with_name("app.py")), run_name="__main__")
