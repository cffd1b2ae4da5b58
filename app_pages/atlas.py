"""The Atlas page: the map on a chosen day, the time controls and the region panel.

The region panel (what the chosen region was, and why) lives in ``region_panel``. The page
stays thin: history comes from ``geo.engine.timeline``, the map from
``geo.web.mapview``. The base map is prepared once per process (``atlas_base``) and only the
date-dependent FeatureGroup changes, so a date change keeps the user's zoom and sends only the
new layer.
"""

from __future__ import annotations

import threading
from datetime import date

import streamlit as st

from app_pages import i18n, map_frame, routes, time_control
from app_pages.atlas_base import base_frame
from app_pages.common import (
    SESSION_DATE,
    SESSION_REGION,
    app_css,
    footer,
    init_view_state,
    load_atlas,
    md,
    set_region,
    state_layers,
    write_url,
)
from app_pages.i18n import N_, _
from app_pages.reference_widgets import CITE_TOGGLE, map_view_citation
from app_pages.region_panel import region_panel, units_table
from app_pages.slide_downloads import atlas_slide_buttons
from app_pages.tour_builder import add_scene_button, export_buttons
from geo.engine.timeline import Atlas, DataError
from geo.web import mapview

MAP_KEY = "atlas_map"
LAST_CLICK = "_atlas_last_click"
VIEW = "_atlas_view"  # (view name, counter) of the last view button pressed
# Labels of mapview.VIEWS (its keys are ids as well as English names).
VIEW_LABELS = {
    "Caucasus frontier": N_("Caucasus frontier"),
    "Straits": N_("Straits"),
    "Whole region": N_("Whole region"),
}
AID_YEARS = (date(1920, 1, 1), date(1922, 12, 31))
SHOWN = "_atlas_shown"  # view_signature of what the server last drew
_PAGE_RUN = threading.local()  # set while atlas_view itself runs date_control
TABLE, SEMINAR = "w_table", "w_seminar"  # keys of the page's toggles


@st.cache_resource(max_entries=1024, show_spinner=False)
def _map_layer(_layers: mapview.StateLayers, _state, layers_id: int, state_key: int,
               region: str | None, view: tuple | None, lang: str) -> map_frame.Layer:
    bounds_counter = mapview.View(*view) if view else None
    return map_frame.layer(_layers.group(_state, region, view=bounds_counter))


def map_layer(layers: mapview.StateLayers, state, region: str | None,
              view: mapview.View | None) -> map_frame.Layer:
    """The date's map layer, rendered once per distinct state, selection and framing (the
    counter of ``view`` is in the key, so a pressed view button still refits the map)."""
    return _map_layer(layers, state, id(layers), state.key, region,
                      (view.bounds, view.counter) if view else None, i18n.current())


# --- widget callbacks: they run before the script, so the run sees the new values ---------


def handle_click(value: dict | None, layers: mapview.StateLayers) -> bool:
    """Turn a new map click into a selection (or none, on the sea); True if it was new."""
    clicked = (value or {}).get("last_clicked")
    if not clicked or clicked == st.session_state.get(LAST_CLICK):
        return False
    st.session_state[LAST_CLICK] = clicked
    region = layers.unit_at(float(clicked["lat"]), float(clicked["lng"]))
    if region == st.session_state.get(SESSION_REGION):
        return False
    set_region(region)
    return True


# --- the page ----------------------------------------------------------------------------


def legend() -> None:
    """The legend under the map: the part that follows the date is drawn by the browser at
    every step (``time_control.legend``); the meaning of the symbols never changes."""
    st.html(mapview.symbols_html(_))  # HTML, not markdown: no markdown parser to fetch and run


def on_view(name: str) -> None:
    _, counter = st.session_state.get(VIEW, ("", 0))
    st.session_state[VIEW] = (name, counter + 1)


def view_buttons() -> None:
    """Buttons that frame a part of the map (``pressed_view``).

    Each press counts up, so pressing the same button after panning frames it again, while
    a date change (same counter) leaves the user's pan and zoom alone.
    """
    row = st.container(horizontal=True, horizontal_alignment="right", gap="small")
    for name in mapview.VIEWS:
        label = _(VIEW_LABELS.get(name, name))
        row.button(label, key=f"w_view_{name}", on_click=on_view, args=(name,),
                   help=_("Frame the map on: {view}").format(view=label))


def pressed_view() -> mapview.View | None:
    """The framing of the last view button pressed; None until one is (the map's own view)."""
    pressed = st.session_state.get(VIEW)
    if pressed is None:
        return None
    name, counter = pressed
    return mapview.View(mapview.VIEWS[name], counter)


def aid_link(day: date) -> None:
    if AID_YEARS[0] <= day <= AID_YEARS[1]:
        st.page_link(routes.TIMELINE.page, label=_("Soviet aid to Ankara 1920–22"),
                     query_params=i18n.link_params({"show": "aid"}))


def view_signature(atlas: Atlas, day: date, region: str | None) -> tuple:
    """What the server draws for ``day`` on this page, beyond the browser's own parts.

    The browser shows a stepped date at once (heading, slider, map, legend, events, spoken
    summary); the server's parts change only with the chosen region's period, the Soviet-aid
    link's years, and the date itself while the citation, the table or the seminar tools are
    shown. A settled date whose signature is unchanged reruns the time control alone.
    """
    period = None
    if region:
        unit_state = atlas.state_at(day).units.get(region)
        period = unit_state.period.start if unit_state else None  # a unit's periods never overlap
    dated = any(st.session_state.get(key) for key in (CITE_TOGGLE, TABLE, SEMINAR))
    return period, AID_YEARS[0] <= day <= AID_YEARS[1], day if dated else None


@st.fragment
def date_control(atlas: Atlas) -> None:
    """The time control, rerun alone when the browser settles on a date.

    ``time_control.on_day`` has stored the date before this runs; the rest of the page is run
    again (the whole script: a fragment cannot rerun its parent alone) only when the date
    changes what the server draws (``view_signature``). Its cost per step is issue 10's
    measure of a class at once.
    """
    time_control.controls(atlas)
    if getattr(_PAGE_RUN, "drawing", False):
        return  # called by atlas_view, which draws the rest itself
    day: date = st.session_state[SESSION_DATE]
    region: str | None = st.session_state[SESSION_REGION]
    if view_signature(atlas, day, region) != st.session_state.get(SHOWN):
        # The address this run got is the one the browser knew when the date settled: while a
        # run of the whole page was still on its way, that names an older date, and the page
        # run would take it for a followed link (``init_view_state``) and move the date back.
        # The page run starts from this run's address, so write it first.
        write_url(day, region)
        st.rerun(scope="app")


def page_date_control(atlas: Atlas) -> None:
    """``date_control`` as part of a run of the whole view (marked for this run's thread)."""
    _PAGE_RUN.drawing = True
    try:
        date_control(atlas)
    finally:
        _PAGE_RUN.drawing = False


@st.fragment
def atlas_view(atlas: Atlas) -> None:
    """Everything that depends on the date and selection, rerun alone when they change.

    A fragment: a click or a view button reruns only this function, so the navigation frame,
    the sidebar search and the footer are neither run nor sent again. Date steps are shown by
    the browser, and a settled date reruns only ``date_control`` unless it changes what this
    function draws.
    """
    layers = state_layers(atlas)
    notices = init_view_state(atlas)
    handle_click(st.session_state.get(MAP_KEY), layers)

    day: date = st.session_state[SESSION_DATE]
    region: str | None = st.session_state[SESSION_REGION]
    state = atlas.state_at(day)

    for notice in notices:
        st.warning(md(notice))
    view = pressed_view()

    # Keyed parts, so that on a phone (one column) the date controls come before the map and
    # the region panel after it (static/app/css/app.css).
    with st.container(key="atlas_body"):
        map_col, panel_col = st.columns([3, 2], gap="medium")
    # The map first: its frame, Leaflet and the shapes are the longest part of a first visit,
    # and the browser starts on them as soon as this element arrives.
    with map_col, st.container(key="atlas_mapbox"):
        value = map_frame.show(base_frame(atlas), map_layer(layers, state, region, view),
                               key=MAP_KEY, height=mapview.MAP_HEIGHT)
        if handle_click(value, layers):
            st.rerun()
        time_control.legend(atlas)
        legend()
    with panel_col, st.container(key="atlas_time"):
        page_date_control(atlas)
        time_control.events(atlas)
        aid_link(day)
    with panel_col:
        with st.container(key="region_panel"):
            time_control.status(atlas, region)
            region_panel(atlas, state, region)
        with st.container(key="atlas_cite"):
            map_view_citation(atlas, day, region)  # behind its toggle, CITE_TOGGLE

    # Toggles, not expanders: an expander's content is built and sent on every run, and while
    # one of these (or the citation's) is on, every settled date reruns the page.
    if st.toggle(_("Show all regions on this date as a table"), key=TABLE,
                 help=_("Text alternative to the map, sortable by any column")):
        units_table(atlas, state)
    if st.toggle(_("Seminar: add this view to a tour, export it"), key=SEMINAR):
        add_scene_button(day, [region] if region else [])
        export_buttons(day, [region] if region else [])
        atlas_slide_buttons(day, region, st.session_state.get(VIEW, (None, 0))[0])
    write_url(day, region)
    # Last: a run interrupted by the next step leaves the old signature, so that step's own
    # run of the control draws the view again.
    st.session_state[SHOWN] = view_signature(atlas, day, region)


def render() -> None:
    try:
        atlas = load_atlas()
    except DataError as error:
        st.error(_("The atlas data could not be loaded; run `python -m geo.validate` for "
                   "details."))
        st.code(str(error)[:4000], language=None)
        st.stop()
    app_css("css/atlas-page.css")
    app_css(time_control.STYLE)
    init_view_state(atlas)
    # Outside the fragment: the heading follows the browser's steps by itself, and a view
    # button (rarely pressed) reruns the whole page, so a date step sends neither again.
    title_col, views_col = st.columns([3, 2], vertical_alignment="center")
    with title_col:
        time_control.heading(atlas)
    with views_col:
        view_buttons()
    atlas_view(atlas)
    footer()


render()
