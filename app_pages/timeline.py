"""Timeline: every event 1877–1991 on one chart, and the Soviet aid of 1920–22.

Picking an event (by clicking a point, or from the select box for keyboard users) shows its
summary and a link that opens the Atlas on that day. ``?event=<id>`` preselects an event and
``?show=aid`` puts the Soviet aid table first (the Atlas links there for 1920–22 dates).
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import i18n, routes
from app_pages import reference_widgets as ui
from app_pages.common import load_atlas, long_date, md
from app_pages.i18n import _
from app_pages.params import clamp_date
from geo.engine.timeline import Atlas
from geo.records import aid
from geo.records.model import EVENT_KINDS, RANGE_END, RANGE_START, Event
from geo.web import render as templates

PICK = "pick"
EVENT_KEY = "timeline-event"
PARAM_KEY = "timeline-last-param"


def event_frame(atlas: Atlas, events: list[Event]) -> pd.DataFrame:
    names = {uid: i18n.place(u) for uid, u in atlas.units.items()}
    return pd.DataFrame(
        {
            "id": [e.id for e in events],
            "date": [e.date.isoformat() for e in events],
            "title": [e.title for e in events],
            "kind": [i18n.term(e.kind) for e in events],
            "regions": [", ".join(names.get(u, u) for u in e.units) for e in events],
        }
    )


def event_chart(frame: pd.DataFrame) -> alt.Chart:
    """One row per kind so that dense years (1918–1921) stay readable; colour repeats the kind."""
    pick = alt.selection_point(name=PICK, fields=["id"], on="click")
    kinds = [i18n.term(kind) for kind in EVENT_KINDS]
    return (
        alt.Chart(frame)
        .mark_circle(size=90, opacity=0.8)
        .encode(
            x=alt.X("date:T", title=None, scale=alt.Scale(domain=["1877-01-01", "1992-01-01"])),
            y=alt.Y("kind:N", title=None, sort=kinds),
            color=alt.Color("kind:N", sort=kinds, legend=alt.Legend(title=_("Kind"))),
            tooltip=[
                # TRANSLATORS: d3 date format of the tooltip; d3 writes month names in
                # English only, so other languages use digits (%Y-%m-%d).
                alt.Tooltip("date:T", title=_("Date"), format=_("%d %b %Y")),
                alt.Tooltip("title:N", title=_("Event")),
                alt.Tooltip("regions:N", title=_("Regions")),
            ],
        )
        .add_params(pick)
        .properties(height=280)
    )


def picked_from_chart(state: object) -> str | None:
    """The id of the point the reader clicked, if the chart reported one."""
    selection = getattr(state, "selection", None) or {}
    points = selection.get(PICK) or []
    return points[0].get("id") if points else None


def show_event(atlas: Atlas, event: Event) -> None:
    names = {uid: i18n.place(u) for uid, u in atlas.units.items()}
    with st.container(border=True, key="timeline_event"):
        st.markdown(f"## {md(event.title)}")
        st.caption(md(f"{long_date(event.date)} · {i18n.term(event.kind)}"))
        st.markdown(_("**Our summary:** {text}").format(text=md(event.summary)))
        if event.units:
            st.markdown(_("**Regions:** {names}").format(
                names=md(", ".join(names.get(u, u) for u in event.units))))
        day = clamp_date(event.date)
        region = event.units[0] if event.units else ""
        ui.atlas_link(day, region, _("Open the Atlas on {date}").format(date=long_date(day)))
        if day != event.date:
            st.caption(_("The map starts on {date}; this event is earlier, so the map opens on "
                         "its first day.").format(date=long_date(RANGE_START)))
        if event.doc in atlas.documents:
            st.page_link(
                routes.TREATIES.page,
                label=md(atlas.documents[event.doc].short_title),
                query_params=i18n.link_params({"doc": event.doc}),
                icon=":material/description:",
            )
        st.caption(_("Sources: {links}").format(links=md(" · ".join(event.sources))))


def show_events(atlas: Atlas) -> None:
    st.title(_("Timeline"))
    st.caption(_(
        "Events from 1877 to {year}, coloured by kind. Click a point or pick an event below to "
        "read about it and open the map on that day; every event is also listed as text under "
        "the chart."
    ).format(year=RANGE_END.year))
    names = {uid: i18n.place(u) for uid, u in atlas.units.items()}
    with_events = sorted({u for e in atlas.events for u in e.units}, key=lambda u: names.get(u, u))
    regions = st.multiselect(
        _("Regions"), with_events, format_func=lambda u: names.get(u, u), key="timeline-regions"
    )
    events = [e for e in atlas.events if not regions or set(regions) & set(e.units)]
    if not events:
        st.info(_("No events for these regions."))
        return
    state = st.altair_chart(
        event_chart(event_frame(atlas, events)),
        on_select="rerun",
        selection_mode=PICK,
        key="timeline-chart",
        width="stretch",
    )
    ids = [e.id for e in events]
    clicked = picked_from_chart(state)
    param = st.query_params.get("event")
    if param and param not in {e.id for e in atlas.events}:
        st.info(md(_("Ignored event={value}: no event has that id.").format(value=repr(param))))
    if clicked:
        st.session_state[EVENT_KEY] = clicked
    elif param in ids and param != st.session_state.get(PARAM_KEY):
        st.session_state[EVENT_KEY] = param
    by_id = {e.id: e for e in events}
    chosen = st.selectbox(
        _("Event"),
        ids,
        index=None,
        format_func=lambda i: f"{by_id[i].date.isoformat()} — {by_id[i].title}",
        placeholder=_("Choose an event…"),
        key=EVENT_KEY,
    )
    if chosen in by_id:
        st.query_params["event"] = chosen
        st.session_state[PARAM_KEY] = chosen
        show_event(atlas, by_id[chosen])
    else:
        if "event" in st.query_params:
            del st.query_params["event"]
        st.session_state[PARAM_KEY] = None
    events_list(atlas, events)


def events_list(atlas: Atlas, events: list[Event]) -> None:
    """The chart as text: a screen reader or keyboard reads and follows every event from here.

    One table row per event shown in the chart (same region filter), each with a link that
    opens the Atlas on the event's day with its first region selected.
    """
    names = {uid: i18n.place(u) for uid, u in atlas.units.items()}
    st.header(_("Events as a list"), anchor="events-list")
    rows = []
    for event in events:
        day = clamp_date(event.date)
        params = {"date": day.isoformat()}
        if event.units:
            params["region"] = event.units[0]
        rows.append({
            "date": long_date(event.date),
            "title": event.title,
            "regions": ", ".join(names.get(u, u) for u in event.units),
            "href": routes.ATLAS.href(**params),
            "link": _("Atlas on {date}").format(date=long_date(day)),
        })
    with st.container(key="timeline_list"):
        headers = [_("Date"), _("Event"), _("Regions"), _("Map")]
        st.html(templates.render("events_table.html.j2", headers=headers, rows=rows))


def aid_chart(items: list[aid.AidItem]) -> alt.Chart:
    """Log scale: the quantities run from 2 boats to 63 million cartridges."""
    frame = pd.DataFrame(
        {
            "item": [i.item for i in items],
            "quantity": [i.quantity for i in items],
            "figure": [i.figure for i in items],
            "category": [i.category for i in items],
        }
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("quantity:Q", scale=alt.Scale(type="log"), title=_("Quantity (log scale)")),
            x2=alt.datum(1),  # a log axis has no zero: bars start at one
            y=alt.Y("item:N", sort=None, title=None),
            color=alt.Color("category:N", legend=alt.Legend(title=_("Category"))),
            tooltip=[alt.Tooltip("figure:N", title=_("As the source gives it"))],
        )
        .properties(height=300)
    )


def show_aid() -> None:
    st.header(_("Soviet aid to the Ankara government, 1920–1922"), anchor="soviet-aid")
    items = aid.load_aid()
    st.caption(_(
        "Totals as reported in our seed text, which attributes them to Soviet documents and cites "
        "a Turkish survey of foreign policy (Çakmak 2008, p. 126). The last two rows were "
        "separate grants. Each figure is shown exactly as the source words it; the quantity "
        "column is our reading of that figure."
    ))
    st.dataframe(
        pd.DataFrame(
            {
                _("Item"): [i.item for i in items],
                _("As the source gives it"): [i.figure for i in items],
                _("Quantity"): [aid.format_quantity(i) for i in items],
                _("Note (ours)"): [i.note for i in items],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.altair_chart(aid_chart(items), width="stretch")
    sources = sorted({s for i in items for s in i.sources})
    shared = (" " + _("(shared file {file})").format(file=items[0].source_file)) if items else ""
    st.caption(md(_("Source: {title} — {links}").format(
        title=aid.SEED_TITLE, links=" · ".join(sources)) + shared))
    ui.atlas_link(date(1921, 3, 16), "", _("Open the Atlas in 1921"))


def render() -> None:
    atlas = load_atlas()
    if st.query_params.get("show") == "aid":
        show_aid()
        show_events(atlas)
    else:
        show_events(atlas)
        show_aid()


render()
