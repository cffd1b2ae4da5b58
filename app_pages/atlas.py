"""The Atlas page: the map on a chosen day, the time controls and the region panel.

The region panel (what the chosen region was, and why) lives in ``region_panel``. The page
stays thin: history comes from ``geo.engine.timeline``, the map from
``geo.web.mapview``. The base map is prepared once per process (``map_frame``) and only the
date-dependent FeatureGroup changes, so a date change keeps the user's zoom and sends only the
new layer.
"""

from __future__ import annotations

import time
from datetime import date

import streamlit as st

from app_pages import i18n, map_frame, routes
from app_pages.common import (
    SESSION_DATE,
    SESSION_REGION,
    app_css,
    footer,
    init_view_state,
    load_atlas,
    long_date,
    map_assets,
    md,
    set_date,
    set_region,
    state_layers,
    timeline_url,
    write_url,
)
from app_pages.i18n import N_, _, ngettext
from app_pages.params import clamp_date
from app_pages.reference_widgets import map_view_citation
from app_pages.region_panel import region_panel, units_table
from app_pages.slide_downloads import atlas_slide_buttons
from app_pages.tour_builder import add_scene_button, export_buttons
from geo.engine.timeline import Atlas, DataError
from geo.records.model import RANGE_END, RANGE_START
from geo.web import mapview

MAP_KEY = "atlas_map"
LAST_CLICK = "_atlas_last_click"
LAST_TICK = "_atlas_last_tick"
VIEW = "_atlas_view"  # (view name, counter) of the last view button pressed
SPEEDS = {"slow": 2.0, "normal": 1.0, "fast": 0.5}  # seconds per year
SPEED_LABELS = {"slow": N_("slow"), "normal": N_("normal"), "fast": N_("fast")}
# Labels of mapview.VIEWS (its keys are ids as well as English names).
VIEW_LABELS = {
    "Caucasus frontier": N_("Caucasus frontier"),
    "Straits": N_("Straits"),
    "Whole region": N_("Whole region"),
}
AID_YEARS = (date(1920, 1, 1), date(1922, 12, 31))


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


def on_year() -> None:
    current: date = st.session_state[SESSION_DATE]
    year = st.session_state.w_year
    day = 28 if current.month == 2 and current.day == 29 else current.day
    set_date(date(year, current.month, day))


def on_date() -> None:
    if st.session_state.w_date is not None:
        set_date(st.session_state.w_date)


def step(atlas: Atlas, forward: bool) -> None:
    current: date = st.session_state[SESSION_DATE]
    target = atlas.next_change(current) if forward else atlas.prev_change(current)
    if target is not None:
        set_date(target)


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


def time_controls(atlas: Atlas) -> None:
    day: date = st.session_state[SESSION_DATE]
    # Re-seed the widgets only when the shared date moved elsewhere (another page, a button):
    # forcing an unchanged value would fight keys the user is still pressing.
    if st.session_state.get("w_year") != day.year:
        st.session_state.w_year = day.year
    if st.session_state.get("w_date") != day:
        st.session_state.w_date = day
    st.slider(_("Year"), RANGE_START.year, RANGE_END.year, key="w_year", on_change=on_year)
    back, forward = st.columns(2)
    back.button(
        _("◀ Previous change"), on_click=step, args=(atlas, False), width="stretch",
        disabled=atlas.prev_change(day) is None,
        help=_("Jump to the previous day the map changes"),
    )
    forward.button(
        _("Next change ▶"), on_click=step, args=(atlas, True), width="stretch",
        disabled=atlas.next_change(day) is None, help=_("Jump to the next day the map changes"),
    )
    exact, play, speed = st.columns([5, 3, 4], vertical_alignment="bottom")
    exact.date_input(
        _("Exact date"), min_value=RANGE_START, max_value=RANGE_END, key="w_date",
        on_change=on_date, format="YYYY-MM-DD",
    )
    playing = play.toggle(_("Play"), key="w_play")
    seconds = SPEEDS[speed.selectbox(
        _("Speed"), list(SPEEDS), index=1, key="w_speed", label_visibility="collapsed",
        format_func=lambda key: _(SPEED_LABELS[key]),
        help=_("Play moves the date one year at a time: slow 2 s a year, normal 1 s, "
               "fast 0.5 s"),
    )]
    player(seconds if playing else None)


def player(seconds: float | None) -> None:
    """While playing, a timed fragment moves the date one year on and reruns the whole page."""

    @st.fragment(run_every=seconds)
    def tick() -> None:
        if seconds is None or not st.session_state.get("w_play"):
            return
        now = time.monotonic()
        if now - st.session_state.get(LAST_TICK, 0.0) < seconds * 0.9:
            return
        st.session_state[LAST_TICK] = now
        current: date = st.session_state[SESSION_DATE]
        if current.year >= RANGE_END.year:
            st.session_state.w_play = False
        else:
            day = 28 if current.month == 2 and current.day == 29 else current.day
            set_date(clamp_date(date(current.year + 1, current.month, day)))
        st.rerun()

    tick()


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


def view_buttons() -> mapview.View | None:
    """Buttons that frame a part of the map; None until one is pressed (the map's own view).

    Each press counts up, so pressing the same button after panning frames it again, while
    a date change (same counter) leaves the user's pan and zoom alone.
    """
    row = st.container(horizontal=True, horizontal_alignment="right", gap="small")
    for name in mapview.VIEWS:
        label = _(VIEW_LABELS.get(name, name))
        row.button(label, key=f"w_view_{name}", on_click=on_view, args=(name,),
                   help=_("Frame the map on: {view}").format(view=label))
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

    A fragment: a slider step, a click or a view button reruns only this function, so the
    navigation frame, the sidebar search and the footer are neither run nor sent again.
    """
    layers = state_layers(atlas)
    notices = init_view_state(atlas)
    handle_click(st.session_state.get(MAP_KEY), layers)

    day: date = st.session_state[SESSION_DATE]
    region: str | None = st.session_state[SESSION_REGION]
    state = atlas.state_at(day)

    for notice in notices:
        st.warning(md(notice))
    title_col, views_col = st.columns([3, 2], vertical_alignment="center")
    title_col.markdown(f"# {md(long_date(day))}")
    with views_col:
        view = view_buttons()

    # Keyed parts, so that on a phone (one column) the date controls come before the map and
    # the region panel after it (static/app/css/app.css).
    with st.container(key="atlas_body"):
        map_col, panel_col = st.columns([3, 2], gap="medium")
    with panel_col, st.container(key="atlas_time"):
        time_controls(atlas)
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
    atlas_view(atlas)
    footer()


render()
