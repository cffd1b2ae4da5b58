"""Presentation view of a tour: one scene per URL, big type, clicker keys, one persistent map.

The URL is the state (``/tour?tour=<id>&scene=<n>``): the buttons' callbacks rewrite it before
the script runs, so every scene can be bookmarked or projected straight from a link. The base
map is identical on every run and only the feature group, centre and zoom change, so stepping
through scenes never reloads Leaflet or the basemap (TECH-NOTES §1.2).
"""

from __future__ import annotations

import html

import folium
import streamlit as st
from streamlit_folium import st_folium

from app_pages.common import footer, load_atlas, long_date, md, page_script, treaty_url
from app_pages.tour_builder import (
    USER_TOUR_ID,
    overlay_group,
    seminar_base_map,
    state_layers,
    user_tour,
)
from geo import exports
from geo.tours import Scene, Tour, fit_zoom, load_tours

MAP_KEY = "tour_map"
MAP_HEIGHT = 620
ASSUMED_MAP_WIDTH = 1150

# Stylesheet only (no data): large type for the back of the room, Streamlit chrome hidden,
# and a print layout that keeps the map, caption and citation and drops the controls.
PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"] { display: none; }
.block-container { padding-top: 0.6rem; max-width: 100%; }
.tour-date p { font-size: 2.6rem; font-weight: 700; margin: 0; }
.tour-caption p { font-size: 1.75rem; line-height: 1.45; }
.tour-question p { font-size: 1.5rem; font-style: italic; }
.st-key-tour_prev button, .st-key-tour_next button { font-size: 1.4rem; min-height: 3rem; }
@media print {
  .st-key-tour_prev, .st-key-tour_next, .st-key-tour_tools, iframe[title="st.iframe"] {
    display: none !important; }
  .tour-caption p { font-size: 14pt; }
}
</style>"""

# Presentation clickers send arrow keys, Page Up/Down or Space. Streamlit has no key handler,
# so this listens on the app page (same origin as the component) and clicks the buttons.
KEYS_JS = """(function () {
  var doc = document;
  var NEXT = ['ArrowRight', 'PageDown', ' ', 'Spacebar'], PREV = ['ArrowLeft', 'PageUp'];
  function onKey(e) {
    var key = NEXT.indexOf(e.key) >= 0 ? 'tour_next' : PREV.indexOf(e.key) >= 0 ? 'tour_prev' : '';
    if (!key || e.altKey || e.ctrlKey || e.metaKey) { return; }
    var t = e.target;
    var typing = 'input, textarea, select, [contenteditable="true"]';
    if (t && t.closest && t.closest(typing)) { return; }
    var button = doc.querySelector('.st-key-' + key + ' button');
    if (!button || button.disabled) { return; }
    e.preventDefault();
    e.stopPropagation();
    if (doc.activeElement && doc.activeElement.blur) { doc.activeElement.blur(); }
    button.click();
  }
  doc.addEventListener('keydown', onKey, true);
})();
"""


@st.cache_resource
def shipped_tours() -> dict[str, Tour]:
    return load_tours()


def available_tours() -> dict[str, Tour]:
    tours = dict(shipped_tours())
    mine = user_tour()
    if mine and mine.scenes:
        tours[USER_TOUR_ID] = mine
    return tours


def go(n: int) -> None:
    st.query_params["scene"] = str(n)


def scene_group(scene: Scene, state: object) -> folium.FeatureGroup:
    """The state layer with the scene's overlays and a heavy outline around its regions."""
    layers = state_layers()
    regions = scene.regions
    group = overlay_group(layers, state, regions[0] if len(regions) == 1 else None, scene.layers)
    outlines = [
        {"type": "Feature", "id": r, "properties": {"id": r},
         "geometry": layers.atlas.geometries[r]}
        for r in regions if r in layers.atlas.geometries
    ]  # fmt: skip
    if len(outlines) > 1:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": outlines},
            name="scene regions",
            style_function=lambda _f: {"color": "#000000", "weight": 4, "fill": False},
            interactive=False,
        ).add_to(group)
    return group


def big_text(css_class: str, text: str) -> None:
    """Large presentation text; escaped here because the CSS class needs raw HTML around it."""
    st.markdown(f'<div class="{css_class}"><p>{html.escape(text)}</p></div>',
                unsafe_allow_html=True)  # fmt: skip


def render() -> None:
    atlas = load_atlas()
    tours = available_tours()
    tour = tours.get(st.query_params.get("tour", ""))
    if tour is None:
        st.title("Tour")
        st.warning("No such tour. Choose one on the Tours page.")
        st.page_link("app_pages/tours.py", label="All tours")
        return
    try:
        n = int(st.query_params.get("scene", "1"))
    except ValueError:
        n = 1
    n = min(max(n, 1), len(tour.scenes))
    st.query_params["tour"] = tour.id
    st.query_params["scene"] = str(n)
    scene = tour.scenes[n - 1]

    st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)
    page_script("atlas-tour-keys", KEYS_JS)
    head, counter, prev_col, next_col = st.columns([6, 1, 1, 1], vertical_alignment="center")
    head.markdown(f"### {md(tour.title)}")
    counter.markdown(f"**{n} / {len(tour.scenes)}**")
    prev_col.button("◀ Back", key="tour_prev", on_click=go, args=(n - 1,), disabled=n == 1,
                    width="stretch")  # fmt: skip
    next_col.button("Next ▶", key="tour_next", on_click=go, args=(n + 1,),
                    disabled=n == len(tour.scenes), width="stretch")  # fmt: skip

    state = atlas.state_at(scene.date)
    st_folium(
        seminar_base_map(),
        key=MAP_KEY,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[],
        center=list(scene.center),
        zoom=fit_zoom(scene.bounds, int(ASSUMED_MAP_WIDTH * 0.9), int(MAP_HEIGHT * 0.9)),
        feature_group_to_add=scene_group(scene, state),
    )

    big_text("tour-date", long_date(scene.date))
    st.markdown(f"#### {md(scene.title)}")
    big_text("tour-caption", scene.caption)
    if scene.question:
        big_text("tour-question", "For discussion: " + scene.question)
    citation = exports.citation_for(atlas, scene)
    if citation:
        st.markdown(f"Document: [{md(citation)}]({treaty_url(scene.document or '')})")
    if scene.sources:
        st.caption("Sources: " + " · ".join(f"<{u}>" for u in scene.sources
                                            if u.startswith(("http://", "https://"))))  # fmt: skip
    with st.container(key="tour_tools"):
        tools = st.columns(3)
        tools[0].download_button(
            "Handout of this scene (print)",
            lambda: exports.handout_html(atlas, tour, n - 1),
            file_name=exports.export_filename("handout", "html", scene.date, tour.id),
            mime="text/html",
        )
        tools[1].download_button(
            "Whole tour as offline slideshow",
            lambda: exports.tour_html(atlas, tour),
            file_name=exports.export_filename("tour", "html", name=tour.id),
            mime="text/html",
        )
        tools[2].page_link("app_pages/tours.py", label="All tours")
        footer()


render()
