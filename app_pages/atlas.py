"""The Atlas page: the map on a chosen day, the time controls and the region panel.

The region panel (what the chosen region was, and why) lives in ``region_panel``. The page
stays thin: history comes from ``geo.engine.timeline``, the map from
``geo.web.mapview``. The base map is prepared once per process (``atlas_base``) and only the
date-dependent FeatureGroup changes, so a date change keeps the user's zoom and sends only the
new layer.
"""

from __future__ import annotations

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
    long_date,
    md,
    set_region,
    state_layers,
    write_url,
)
from app_pages.i18n import N_, _, ngettext
from app_pages.reference_widgets import map_view_citation
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


def day_events(atlas: Atlas, day: date) -> None:
    events = atlas.events_on(day)
    if events:
        for event in events:
            st.markdown(f"**{md(event.title)}**: {md(event.summary)}")
    else:
        year_events = atlas.events_between(date(day.year, 1, 1), date(day.year, 12, 31))
        if year_events:
            listed = "; ".join(
                f"{md(long_date(e.date))}: {md(e.title)}" for e in year_events[:6]
            )
            extra = len(year_events) - 6
            more = (" " + ngettext("(+{n} more)", "(+{n} more)", extra).format(n=extra)
                    if extra > 0 else "")
            st.caption(_("No event on this day. In {year}: {events}").format(
                year=day.year, events=listed) + more)
        else:
            st.caption(_("No recorded events on this day or in {year}.").format(year=day.year))


def legend(atlas: Atlas, state) -> None:
    holders, regimes = mapview.legend(atlas, state)
    st.markdown(mapview.legend_html(holders, regimes, _), unsafe_allow_html=True)
    straits_claims = sorted({
        (atlas.holder_name(c.claimant, c.within), c.kind, c.in_force, c.basis_text)
        for uid, us in state.units.items() if uid.startswith("straits-")
        for c in us.claims
    })
    for claimant, kind, in_force, basis in straits_claims:
        force = _("in force") if in_force else _("never in force / not in force")
        st.caption(_("Straits overlay: {claimant}, {kind} ({force}): {basis}").format(
            claimant=md(claimant), kind=md(i18n.term(kind)), force=force, basis=md(basis)))


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


@st.fragment
def atlas_view(atlas: Atlas) -> None:
    """Everything that depends on the date and selection, rerun alone when they change.

    A fragment: a date the time control settled on, a click or a view button reruns only this
    function, so the navigation frame, the sidebar search and the footer are neither run nor sent
    again. Date steps themselves are shown by the browser before this runs (``time_control``).
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
    with panel_col, st.container(key="atlas_time"):
        time_control.controls(atlas)
        day_events(atlas, day)
        aid_link(day)
    with map_col, st.container(key="atlas_mapbox"):
        value = map_frame.show(base_frame(atlas), map_layer(layers, state, region, view),
                               key=MAP_KEY, height=mapview.MAP_HEIGHT)
        if handle_click(value, layers):
            st.rerun()
        legend(atlas, state)
    with panel_col:
        with st.container(key="region_panel"):
            region_panel(atlas, state, region)
        with st.container(key="atlas_cite"):
            map_view_citation(atlas, day, region)

    # A toggle, not an expander: an expander's content is still built and sent on every run.
    if st.toggle(_("Show all regions on this date as a table"), key="w_table",
                 help=_("Text alternative to the map, sortable by any column")):
        units_table(atlas, state)
    if st.toggle(_("Seminar: add this view to a tour, export it"), key="w_seminar"):
        add_scene_button(day, [region] if region else [])
        export_buttons(day, [region] if region else [])
        atlas_slide_buttons(day, region, st.session_state.get(VIEW, (None, 0))[0])
    write_url(day, region)


def render() -> None:
    try:
        atlas = load_atlas()
    except DataError as error:
        st.error(_("The atlas data could not be loaded; run `python -m geo.validate` for "
                   "details."))
        st.code(str(error)[:4000], language=None)
        st.stop()
    app_css("css/atlas-page.css")
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
