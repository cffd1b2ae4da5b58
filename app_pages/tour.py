"""Presentation view of a tour: one scene per URL, big type, clicker keys, one persistent map.

The URL is the state (``/tour?tour=<id>&scene=<n>``): the buttons' callbacks rewrite it before
the script runs, so every scene can be bookmarked or projected straight from a link. The base
map is identical on every run and only the feature group, centre and zoom change, so stepping
through scenes never reloads Leaflet or the basemap (st_folium keeps its frame).
"""

from __future__ import annotations

import html

import folium
import streamlit as st
from streamlit_folium import st_folium

from app_pages import i18n, routes
from app_pages.common import (
    app_css,
    footer,
    load_atlas,
    long_date,
    md,
    state_layers,
)
from app_pages.i18n import _
from app_pages.slide_downloads import scene_slide_buttons
from app_pages.tour_builder import (
    USER_TOUR_ID,
    overlay_group,
    seminar_base_map,
    shipped_tours,
    user_tour,
)
from geo.records.tours import Scene, Tour, fit_zoom
from geo.web import exports

MAP_KEY = "tour_map"
# Presentation clickers send Page Down/Up, some send the arrow keys, and Space is the usual next
# key: Streamlit's button shortcuts take one key each, so the visible buttons answer the arrows
# and hidden twins (static/app/css/tour.css) the other clicker keys.
NEXT_KEYS = ("Right", "PageDown", "Space")
BACK_KEYS = ("Left", "PageUp")
# The map column's share of the width; the text column (date, caption, question) takes the rest.
MAP_SHARE = 0.63
# st_folium needs a fixed height: this one leaves the navigation row above it inside a
# 720 px high viewport (a 1280x720 projector with the browser in full screen).
MAP_HEIGHT = 630
# Map column width at 1280 px (1 rem page margins, 1 rem column gap). Fitting to the 615 px of a
# 1024 px screen instead would drop most scenes below the zoom at which city names show; there
# the 10 % margin of the fit is cut instead.
ASSUMED_MAP_WIDTH = 775
# On a phone (390 px wide, 1 rem margins) the map is this big, so the scene is fitted to it and
# the date and caption start on the first screen below it.
PHONE_MAP_SIZE = (358, 420)


def map_size() -> tuple[int, int]:
    """Width and height the scene is fitted to; phones announce themselves with "Mobi".

    The server never sees the screen, and the browser's user agent is the one thing it knows
    before the first map is drawn: a fit made later in the browser would move the map twice.
    """
    agent = st.context.headers.get("User-Agent", "")
    return PHONE_MAP_SIZE if "Mobi" in agent else (ASSUMED_MAP_WIDTH, MAP_HEIGHT)



def available_tours() -> dict[str, Tour]:
    tours = dict(shipped_tours())
    mine = user_tour()
    if mine and mine.scenes:
        tours[USER_TOUR_ID] = mine
    return tours


def go(n: int) -> None:
    st.query_params["scene"] = str(n)


def scene_button(label: str, key: str, shortcut: str, target: int, disabled: bool) -> None:
    """A scene step answering one clicker key (a disabled button answers no key)."""
    st.button(label, key=key, on_click=go, args=(target,), disabled=disabled, width="stretch",
              shortcut=shortcut)


def scene_group(scene: Scene, state: object) -> folium.FeatureGroup:
    """The state layer with the scene's overlays and a heavy outline around its regions."""
    layers = state_layers(load_atlas())
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


def document_label(atlas, scene) -> str:
    """The scene's document and article in the interface language (the exported handouts
    write theirs in English, ``exports.citation_for``)."""
    if not scene.document:
        return ""
    doc = atlas.documents.get(scene.document)
    title = (doc.short_title or doc.title) if doc else scene.document
    return title + _(", art. {article}").format(article=scene.article) if scene.article else title


def big_text(css_class: str, text: str) -> None:
    """Large presentation text; escaped here because the CSS class needs raw HTML around it."""
    st.markdown(f'<div class="{css_class}"><p>{html.escape(text)}</p></div>',
                unsafe_allow_html=True)  # fmt: skip


def render() -> None:
    atlas = load_atlas()
    tours = available_tours()
    tour = tours.get(st.query_params.get("tour", ""))
    if tour is None:
        st.title(_("Tour"))
        st.warning(_("No such tour. Choose one on the Tours page."))
        st.page_link(routes.TOURS.page, label=_("All tours"), query_params=i18n.link_params())
        return
    raw = st.query_params.get("scene", "1")
    try:
        n = int(raw)
    except ValueError:
        n = 1
    n = min(max(n, 1), len(tour.scenes))
    if str(n) != raw:  # a toast keeps the presentation layout intact
        st.toast(md(_("Scene {value} does not exist in this tour; showing scene {n}.").format(
            value=repr(raw), n=n)))
    st.query_params["tour"] = tour.id
    st.query_params["scene"] = str(n)
    scene = tour.scenes[n - 1]

    with st.container(key="tour_setup"):  # out of the flow: no blank rows above the title
        app_css("css/tour.css")
    with st.container(key="tour_nav"):
        head, counter, prev_col, next_col = st.columns([6, 1, 1.3, 1.3],
                                                       vertical_alignment="center")  # fmt: skip
        head.markdown(f"### {md(tour.title)}")
        counter.markdown(f"**{n} / {len(tour.scenes)}**")
        with prev_col:
            scene_button(_("◀ Back"), "tour_prev", BACK_KEYS[0], n - 1, disabled=n == 1)
        with next_col:
            scene_button(_("Next ▶"), "tour_next", NEXT_KEYS[0], n + 1,
                         disabled=n == len(tour.scenes))
    with st.container(key="tour_clicker"):
        for key in BACK_KEYS[1:]:
            scene_button(_("◀ Back"), f"tour_prev_{key}", key, n - 1, disabled=n == 1)
        for key in NEXT_KEYS[1:]:
            scene_button(_("Next ▶"), f"tour_next_{key}", key, n + 1,
                         disabled=n == len(tour.scenes))

    width, height = map_size()
    map_col, text_col = st.columns([MAP_SHARE, 1 - MAP_SHARE])
    with map_col:
        st_folium(
            seminar_base_map(),
            key=MAP_KEY,
            height=height,
            use_container_width=True,
            returned_objects=[],
            center=list(scene.center),
            zoom=fit_zoom(scene.bounds, int(width * 0.9), int(height * 0.9)),
            feature_group_to_add=scene_group(scene, atlas.state_at(scene.date)),
        )
    with text_col, st.container(key="tour_text"):
        big_text("tour-date", long_date(scene.date))
        big_text("tour-title", scene.title)
        big_text("tour-caption", scene.caption)
        citation = document_label(atlas, scene)
        if citation:
            with st.container(key="tour_document"):
                href = routes.TREATIES.href(doc=scene.document or "")
                st.markdown(_("Document: {link}").format(link=f"[{md(citation)}]({href})"))
        if scene.question:
            big_text("tour-question", _("For discussion: {question}").format(
                question=scene.question))
        links = [f"<{u}>" for u in scene.sources if u.startswith(("http://", "https://"))]
        if links:
            st.caption(_("Sources: {links}").format(links=" · ".join(links)))
    with st.container(key="tour_tools"):
        tools = st.columns(3)
        tools[0].download_button(
            _("Handout of this scene (print)"),
            lambda: exports.handout_html(atlas, tour, n - 1),
            file_name=exports.export_filename("handout", "html", scene.date, tour.id),
            mime="text/html",
        )
        tools[1].download_button(
            _("Whole tour as offline slideshow"),
            lambda: exports.tour_html(atlas, tour),
            file_name=exports.export_filename("tour", "html", name=tour.id),
            mime="text/html",
        )
        tools[2].page_link(routes.TOURS.page, label=_("All tours"),
                           query_params=i18n.link_params())
        scene_slide_buttons(scene)
        footer()


render()
