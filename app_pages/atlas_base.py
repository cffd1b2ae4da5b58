"""The Atlas page's base map: prepared once per process, and its files started early.

``base_frame`` is the base map the Atlas page's map component sends (``map_frame``), prepared
once per atlas and language. ``preload_html`` goes into the app frame's page head (``app.py``):
it has the browser start every file the map frame will load, side by side and before the frame
exists; the frame itself loads its scripts one after another and fetches its data only once
they have all run (``static/app/js/map-preload.js``).
"""

from __future__ import annotations

import html
import json

import streamlit as st

from app_pages import i18n, map_frame
from app_pages.common import map_assets, state_layers, timeline_url
from geo.engine.timeline import Atlas
from geo.web import mapview

PRELOAD_JS = "js/map-preload.js"


def focus_labels(atlas: Atlas) -> list[mapview.Label]:
    return [
        mapview.Label(i18n.place(unit), unit.label[0], unit.label[1])
        for uid, unit in sorted(atlas.units.items())
        if unit.kind == "focus" and unit.label is not None
    ]


@st.cache_resource
def _base_frame(_atlas: Atlas, timeline: str, lang: str) -> map_frame.BaseFrame:
    urls, leaflet_js, leaflet_css = map_assets()
    return map_frame.prepare(mapview.build_base_map(urls, focus_labels(_atlas), leaflet_js,
                                                    leaflet_css, timeline, i18n.map_words(lang)))


def base_frame(atlas: Atlas) -> map_frame.BaseFrame:
    """The Atlas base map, prepared for the map component once per atlas (its timeline URL
    names the data) and language (its labels and control titles)."""
    return _base_frame(atlas, timeline_url(atlas), i18n.current())


def preload_files(atlas: Atlas) -> list[tuple[str, str]]:
    """``(url, kind)`` of every file the Atlas map frame loads: its scripts and style sheets
    (``script``/``style``), then the basemap layers, unit shapes and timeline it fetches."""
    frame = base_frame(atlas)
    basemap, _, _ = map_assets()
    data = (*basemap.values(), state_layers(atlas).shapes_url, timeline_url(atlas))
    return [*((src, "script") for src in frame.js_links),
            *((href, "style") for href in frame.css_links),
            *((url, "fetch") for url in data)]


def preload_html(atlas: Atlas) -> str:
    """The script element that has the browser start the map frame's files now."""
    base = st.get_option("server.baseUrlPath") or ""
    return (f'<script src="{html.escape(mapview.app_asset_url(PRELOAD_JS, base))}" '
            f'data-files="{html.escape(json.dumps(preload_files(atlas)))}"></script>')
