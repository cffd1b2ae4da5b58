"""The Atlas page: the map on a chosen day, the time controls and the region panel.

The page stays thin: history comes from ``geo.engine.timeline``, the map from
``geo.web.mapview``. The base map is prepared once per process (``map_frame``) and only the
date-dependent FeatureGroup changes, so a date change keeps the user's zoom and sends only the
new layer.
"""

from __future__ import annotations

import html
import time
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from app_pages import i18n, map_frame, routes
from app_pages.common import (
    SESSION_DATE,
    SESSION_REGION,
    app_css,
    cited,
    footer,
    init_view_state,
    load_atlas,
    long_date,
    map_assets,
    md,
    set_date,
    set_region,
    source_legend,
    state_layers,
    timeline_url,
    write_url,
)
from app_pages.i18n import N_, _, ngettext
from app_pages.params import clamp_date
from app_pages.reference_widgets import map_view_citation
from app_pages.slide_downloads import atlas_slide_buttons
from app_pages.tour_builder import add_scene_button, export_buttons
from geo.engine.timeline import Atlas, DataError
from geo.records.convention import reading_note
from geo.records.model import RANGE_END, RANGE_START, Period, kind_rank
from geo.web import mapview

MAP_KEY = "atlas_map"
LAST_CLICK = "_atlas_last_click"
LAST_TICK = "_atlas_last_tick"
VIEW = "_atlas_view"  # (view name, counter) of the last view button pressed
NO_REGION = ""
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
def _base_frame(_atlas: Atlas, timeline: str) -> map_frame.BaseFrame:
    urls, leaflet_js, leaflet_css = map_assets()
    return map_frame.prepare(mapview.build_base_map(urls, focus_labels(_atlas), leaflet_js,
                                                    leaflet_css, timeline))


def base_frame(atlas: Atlas) -> map_frame.BaseFrame:
    """The Atlas base map, prepared for the map component once per atlas (its timeline URL
    names the data)."""
    return _base_frame(atlas, timeline_url(atlas))


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


def region_options(atlas: Atlas) -> list[str]:
    ordered = sorted(
        atlas.units.values(), key=lambda u: (kind_rank(u.kind), i18n.place(u).lower())
    )
    return [NO_REGION, *(unit.id for unit in ordered)]


# --- widget callbacks: they run before the script, so the run sees the new values ---------


def on_year() -> None:
    current: date = st.session_state[SESSION_DATE]
    year = st.session_state.w_year
    day = 28 if current.month == 2 and current.day == 29 else current.day
    set_date(date(year, current.month, day))


def on_date() -> None:
    if st.session_state.w_date is not None:
        set_date(st.session_state.w_date)


def on_region() -> None:
    set_region(st.session_state.w_region or None)


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


def period_span(period: Period) -> str:
    last = period.end - timedelta(days=1) if period.end else None
    end = long_date(last) if last else _("beyond {year}").format(year=RANGE_END.year)
    return f"{long_date(period.start)} – {end}"


def basis_block(atlas: Atlas, doc_id: str, article_no: str, basis_text: str) -> None:
    st.markdown(_("**Legal basis:** {text}").format(text=md(basis_text)))
    if not doc_id:
        st.caption(_("No document: the change rested on force or local rule."))
        return
    doc = atlas.documents.get(doc_id)
    title = doc.title if doc else doc_id
    article_label = _(", article {article}").format(article=md(article_no)) if article_no else ""
    st.markdown(_("**Document:** {link}").format(
        link=f"[{md(title)}]({routes.TREATIES.href(doc=doc_id)})") + article_label)
    article = doc.article(article_no) if doc and article_no else None
    if article is None:
        return
    st.markdown(_("*Summary (our words):* {text}").format(text=md(article.summary)))
    editions = {text.file: text for text in doc.texts}
    for quote in article.quotes:
        edition = editions.get(quote.file)
        source = f"{edition.edition} ({edition.language})" if edition else quote.file
        st.markdown(f"> {md(quote.text)}")
        st.caption(_("Verbatim, {document}; {edition}").format(
            document=md(doc.short_title or doc.title) + article_label, edition=md(source)))
        if quote.gloss:
            st.caption(md(quote.gloss))  # the gloss labels itself ("Our summary — …")


def panel_summary(atlas: Atlas, state, region: str | None) -> str:
    """One sentence of what the panel shows, for screen readers to announce when it changes."""
    day = state.date
    if not region:
        return _("{date}: no region chosen.").format(date=long_date(day))
    unit_state = state.units.get(region)
    name = i18n.place(atlas.units[region])
    if unit_state is None:
        return _("{region}, {date}: no record on this date.").format(region=name,
                                                                       date=long_date(day))
    period = unit_state.period
    return _("{region}, {date}: held by {holder}; {status}.").format(
        region=name, date=long_date(day), holder=atlas.holder_name(period.holder, period.within),
        status=i18n.status_label(period.status, period.regime))


def announce(text: str) -> None:
    """A polite live region, always first in the panel, so its node survives every rerun.

    Streamlit updates a Markdown element at the same place in place, so the ``role="status"``
    element stays in the page and screen readers read each new sentence; a region that is
    created anew with its text is often not read at all.
    """
    st.markdown(f'<div class="atlas-sr-only" role="status" aria-live="polite" aria-atomic="true">'
                f"{html.escape(text).replace('$', '&#36;')}</div>",  # no "$" for LaTeX to read
                unsafe_allow_html=True)  # fmt: skip


def region_panel(atlas: Atlas, state, region: str | None) -> None:
    announce(panel_summary(atlas, state, region))
    options = region_options(atlas)
    if st.session_state.get("w_region") != (region or NO_REGION):
        st.session_state.w_region = region or NO_REGION
    st.selectbox(
        _("Region"), options, key="w_region", on_change=on_region,
        format_func=lambda uid: _("— choose a region (or click the map) —") if uid == NO_REGION
        else i18n.place(atlas.units[uid]),
    )
    if not region:
        st.caption(_("Click a region on the map or choose it above. Click the sea to clear."))
        return
    unit = atlas.units[region]
    unit_state = state.units.get(region)
    st.header(i18n.place(unit), anchor=False)  # h2: the page heading (the date) is the h1
    local = [f"{md(name)} ({md(lang)})" for lang, name in sorted(unit.names.items()) if name]
    if local:
        st.markdown(_("Local names: {names}").format(names=", ".join(local)))
    if unit.alt_names:
        st.caption(_("Also written: {names}").format(
            names=", ".join(md(n) for n in unit.alt_names)))
    if unit.historical_unit:
        st.caption(_("Stands for: {unit}").format(unit=md(unit.historical_unit)))
    if unit.resolution == "modern-outline":
        st.info(_("Context area drawn at its modern outline; changes inside it are not drawn."))
    if unit_state is None:
        st.warning(_("No record for this region on this date."))
        return
    period = unit_state.period
    lines = [
        _("**Held by:** {holder}").format(
            holder=md(atlas.holder_name(period.holder, period.within))),
        _("**Status:** {status}").format(
            status=md(i18n.status_label(period.status, period.regime))),
        _("**Period:** {span}").format(span=md(period_span(period))),
    ]
    if period.certainty != "firm":
        lines.append(_("**Certainty:** {certainty}").format(
            certainty=md(i18n.term(period.certainty))))
    st.markdown("  \n".join(lines))
    if period.start_range:
        lo, hi = period.start_range
        st.caption(_("Sources disagree on the start: between {first} and {last}.").format(
            first=md(long_date(lo)), last=md(long_date(hi))))
    basis_block(atlas, period.basis_doc, period.basis_article, period.basis_text)
    if convention_note := reading_note(period, atlas.documents.get(period.basis_doc)):
        st.caption(md(convention_note) + " "
                   + _("See the legal-status convention on the Sources page."))
    if period.note:
        st.caption(_("Note: {note}").format(note=md(period.note)))
    if period.sources:
        st.caption(_("Sources: {links}").format(links=" · ".join(
            cited(u) for u in period.sources if u.startswith(("http://", "https://")))))
        st.caption(source_legend())
    if unit_state.claims:
        st.markdown(_("**Claims on this day**"))
        for claim in unit_state.claims:
            force = _("in force") if claim.in_force else _("not in force")
            doc = atlas.documents.get(claim.basis_doc) if claim.basis_doc else None
            link = ""
            if doc:
                title = md(doc.short_title or doc.title)
                link = f" — [{title}]({routes.TREATIES.href(doc=doc.id)})"
            extent = " " + _("*Extent inferred: the text does not name this area.*") if (
                claim.extent_inferred) else ""
            st.markdown(
                f"- {md(atlas.holder_name(claim.claimant, claim.within))}: "
                f"{md(i18n.term(claim.kind))} ({force}). {md(claim.basis_text)}{link}"
                f"{extent}"
            )
    history_table(atlas, region, period)


def history_table(atlas: Atlas, region: str, current: Period) -> None:
    st.markdown(_("**Whole history**"))
    rows = [
        {
            _("Now"): "▶" if p == current else "",
            _("From"): p.start.isoformat(),
            _("Until"): (p.end - timedelta(days=1)).isoformat() if p.end else "",
            _("Held by"): atlas.holder_name(p.holder, p.within),
            _("Status"): i18n.status_label(p.status, p.regime),
        }
        for p in atlas.history(region)
    ]
    # The "Now" column marks the current period in text; a pandas Styler highlight cost more
    # server time than the rest of the panel on every date step.
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def units_table(atlas: Atlas, state) -> None:
    rows = []
    for uid, unit_state in state.units.items():
        unit = atlas.units.get(uid)
        if unit is None:
            continue
        period = unit_state.period
        doc = atlas.documents.get(period.basis_doc) if period.basis_doc else None
        basis = (doc.short_title or doc.title) if doc else period.basis_text
        if doc and period.basis_article:
            basis += _(", art. {article}").format(article=period.basis_article)
        rows.append({
            _("Region"): i18n.place(unit),
            _("Kind"): i18n.term(unit.kind),
            _("Held by"): atlas.holder_name(period.holder, period.within),
            _("Status"): i18n.status_label(period.status, period.regime),
            _("Since"): period.start.isoformat(),
            _("Basis"): basis,
            _("Source"): period.sources[0] if period.sources else "",
            "_order": (kind_rank(unit.kind), i18n.place(unit).lower()),
        })
    rows.sort(key=lambda r: r["_order"])
    frame = pd.DataFrame(rows).drop(columns="_order") if rows else pd.DataFrame()
    st.dataframe(
        frame, hide_index=True, width="stretch",
        column_config={_("Source"): st.column_config.LinkColumn(_("Source"))},
    )


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
