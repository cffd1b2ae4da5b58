"""The map component with its base map prepared once per process, not on every rerun.

``st_folium`` renders the whole folium map twice and regenerates its script on every call: about
100 ms of server time per date step on the project's 2-core machine, most of a step, spent on a
base map that never changes. ``show`` sends the very same component and arguments as
``st_folium`` (streamlit-folium is pinned exactly in requirements.txt, and
``tests/test_map_frame.py`` checks the arguments against ``st_folium``'s own), but the base
map's part is prepared once (``prepare``, cached by the caller) and the date's feature group is
rendered once per distinct state (``layer``, cached by the caller as well).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import folium
import streamlit as st
import streamlit_folium as sf

DEFAULT_RETURNED = ("last_clicked",)


@dataclass(frozen=True)
class BaseFrame:
    """What ``st_folium`` derives from the base map, computed once."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    bounds: dict[str, dict[str, float]]
    zoom: Any


def prepare(fmap: folium.Map) -> BaseFrame:
    """Render ``fmap`` once the way ``st_folium`` does and keep the pieces it sends."""
    fmap.get_root().render()
    fmap.render()
    html = sf._get_html(fmap)
    header = sf._get_header(fmap)
    script = sf._get_map_string(fmap)
    (south, west), (north, east) = fmap.get_bounds()
    css, js = _links(fmap)
    return BaseFrame(
        script=script, header=header, html=html, map_id=sf.get_full_id(fmap),
        css_links=css, js_links=js,
        bounds={"_southWest": {"lat": south, "lng": west},
                "_northEast": {"lat": north, "lng": east}},
        zoom=fmap.options.get("zoom"),
    )


def _links(root: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(css, js) links of every element under ``root``, first occurrence first."""
    css: list[str] = []
    js: list[str] = []
    for element in _elements(root):
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
    return tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js))


def _elements(element: Any) -> Iterator[Any]:
    if isinstance(element, folium.elements.JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _elements(child)


def group_script(group: folium.FeatureGroup) -> str:
    """The feature group's script as ``st_folium`` writes it, rendered on a throwaway map (its
    name becomes ``map_div``, the frame's map, as in ``st_folium``)."""
    return sf._get_feature_group_string(group, folium.Map(tiles=None))


@dataclass(frozen=True)
class Layer:
    """What ``st_folium`` derives from ``feature_group_to_add``: its script and the links it
    needs. Rendering a group costs more than the rest of a date step, so callers keep these."""

    script: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def layer(group: folium.FeatureGroup) -> Layer:
    css, js = _links(group)
    return Layer(group_script(group), css, js)


def show(frame: BaseFrame, group: Layer, key: str, height: int,
         returned_objects: tuple[str, ...] = DEFAULT_RETURNED) -> Any:
    """``st_folium(base map, key=key, height=height, use_container_width=True,
    returned_objects=..., feature_group_to_add=group)`` with the base map and the group
    prepared."""
    defaults = {"last_clicked": None, "bounds": frame.bounds, "zoom": frame.zoom}
    hash_key = sf.generate_js_hash(frame.script, key, False)

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    return sf._component_func(
        script=frame.script, header=frame.header, html=frame.html, id=frame.map_id,
        key=hash_key, height=height, width=None, returned_objects=list(returned_objects),
        default={k: v for k, v in defaults.items() if k in returned_objects},
        zoom=None, center=None, feature_group=group.script, return_on_hover=False,
        layer_control=None, pixelated=False,
        css_links=list(dict.fromkeys((*frame.css_links, *group.css_links))),
        js_links=list(dict.fromkeys((*frame.js_links, *group.js_links))),
        on_change=on_change, wrap_longitude=False,
    )
