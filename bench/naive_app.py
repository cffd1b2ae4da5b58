"""Bench-only baseline: the Atlas map built the naive way, for ``atlas_bench.py`` to compare.

Every date change rebuilds one folium map with all unit geometry and the land basemap embedded
in it (no feature group, nothing fetched by URL), so streamlit-folium remounts the iframe and
re-sends everything. Same data, styles, slider and URL handling as the real page (no
tooltips, which only favours the baseline).
"""

from __future__ import annotations

import json
from datetime import date

import folium
import streamlit as st
from streamlit_folium import st_folium

from app_pages.common import SESSION_DATE, init_view_state, load_atlas, set_date, write_url
from geo import mapview
from geo.model import RANGE_END, RANGE_START
from geo.paths import DATA
from geo.vendor_assets import localize_folium_assets

st.set_page_config(page_title="Naive baseline", layout="wide")
localize_folium_assets(st.get_option("server.baseUrlPath") or "")
atlas = load_atlas()
init_view_state(atlas)


def on_year() -> None:
    current: date = st.session_state[SESSION_DATE]
    day = 28 if current.month == 2 and current.day == 29 else current.day
    set_date(date(st.session_state.w_year, current.month, day))


day: date = st.session_state[SESSION_DATE]
if st.session_state.get("w_year") != day.year:
    st.session_state.w_year = day.year
st.slider("Year", RANGE_START.year, RANGE_END.year, key="w_year", on_change=on_year)
state = atlas.state_at(day)
described = json.loads(mapview.StateLayers(atlas, "").layer_json(state))

fmap = folium.Map(location=[40.6, 36.2], zoom_start=6, tiles=None, zoom_snap=0.25)
fmap.default_js = [link for link in folium.Map.default_js if link[0] == "leaflet"]
fmap.default_css = [link for link in folium.Map.default_css if link[0] == "leaflet_css"]
land = DATA / "basemap" / "land.geojson"
if land.is_file():
    folium.GeoJson(json.loads(land.read_text()), interactive=False,
                   style_function=lambda _f: {"stroke": False, "fillColor": mapview.LAND_COLOUR,
                                              "fillOpacity": 1}).add_to(fmap)
patterns = {}
for unit in described["units"].values():
    key = unit["style"].get("pattern")
    if key and key not in patterns:
        patterns[key] = mapview.make_pattern(key).add_to(fmap)
features = [
    {"type": "Feature", "id": uid, "properties": unit["props"],
     "geometry": atlas.geometries[uid]}
    for uid, unit in described["units"].items()
]


def style(feature: dict) -> dict:
    out = dict(described["units"][feature["id"]]["style"])
    key = out.pop("pattern", None)
    if key:
        out["fillPattern"] = patterns[key]
    return out


folium.GeoJson({"type": "FeatureCollection", "features": features},
               style_function=style).add_to(fmap)
fmap.fit_bounds([list(mapview.MAP_BOUNDS[0]), list(mapview.MAP_BOUNDS[1])])
st_folium(fmap, height=mapview.MAP_HEIGHT, use_container_width=True, returned_objects=[])
write_url(day, None)
