"""The Atlas's date heading, time control and day texts, stepped in the browser
(``st.components.v2``).

Why a component: with Streamlit's own slider every key press reran the page on the server
(about 70 ms of CPU per step on the project's 2-core machine) and keys pressed faster than the
reruns were lost or snapped the slider back. The browser code
(``static/app/js/time-control.mjs``) shows each step at once (slider, heading, address bar and
the map, which paints from the published timeline) and tells the server only once the date has
settled; ``on_day`` then applies it. Each step carries a sequence number, and the server sends
back the last one it applied, so a server run that has not seen the latest steps never moves
the browser's date back.

The same component draws the page's other texts that follow the date, each part where it
belongs: the legend under the map, the day's events, and the region panel's spoken summary. They
get every day's text at once (the legends, the largest, as a published file each browser fetches
once), so a settled date that changes nothing else on the page costs the server a rerun of the
control alone (``app_pages.atlas``).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import streamlit as st
from babel.dates import format_date

from app_pages import i18n
from app_pages.common import SESSION_DATE, set_date, static_geo_url
from app_pages.i18n import N_, _, ngettext
from app_pages.params import clamp_date
from geo.engine.timeline import Atlas
from geo.paths import STATIC
from geo.records.model import RANGE_END, RANGE_START
from geo.web import mapview, published

YEAR_EVENTS_LISTED = 6  # events named in the "no event on this day" line; the rest are counted

KEY = "time_control"
SEQ = "_atlas_time_seq"  # the last browser step the server applied
SPEEDS = ((2.0, N_("slow")), (1.0, N_("normal")), (0.5, N_("fast")))  # seconds per year
MODULE = "js/time-control.mjs"
STYLE = "css/time-control.css"  # applied by the page (``app_css``), not sent with each part
_COMPONENT = st.components.v2.component(
    "borderlands.atlas_time",
    js=(STATIC / "app" / "js" / "time-control-loader.mjs").read_text(encoding="utf-8"),
    isolate_styles=False,  # the page's focus ring and fonts apply; tests find the slider
)


def month_patterns(lang: str) -> list[str]:
    """The long date of each month with "{d}" and "{y}" for day and year, from the same Babel
    format as ``i18n.long_date``, so the browser writes dates exactly as the server does."""
    with_marks = []
    for month in range(1, 13):
        shown = format_date(date(1111, month, 22), format="long", locale=i18n.LOCALES[lang])
        with_marks.append(shown.replace("22", "{d}", 1).replace("1111", "{y}", 1))
    return with_marks


@st.cache_resource(show_spinner=False)
def _fixed(_atlas: Atlas, atlas_id: int, lang: str) -> dict[str, Any]:
    return {
        "first": RANGE_START.isoformat(),
        "last": RANGE_END.isoformat(),
        "changes": [day.isoformat() for day in _atlas.change_dates],
        "patterns": month_patterns(lang),
        "speeds": [[seconds, _(label)] for seconds, label in SPEEDS],
        "labels": {
            "year": _("Year"),
            "previous": _("◀ Previous change"),
            "next": _("Next change ▶"),
            "previousHelp": _("Jump to the previous day the map changes"),
            "nextHelp": _("Jump to the next day the map changes"),
            "exact": _("Exact date"),
            "play": _("Play"),
            "speed": _("Speed"),
            "speedHelp": _("Play moves the date one year at a time: slow 2 s a year, normal 1 s, "
                           "fast 0.5 s"),
        },
    }


@st.cache_resource(show_spinner=False)
def _legends(_atlas: Atlas, atlas_id: int, lang: str) -> dict[str, Any]:
    """Where the browser fetches every day's legend (``geo.web.published.legend_file``)."""
    name = published.legend_file(_atlas, i18n.translations(lang).gettext,
                                 lambda key: i18n.term(key, lang))
    return {"legendUrl": static_geo_url(name)}


@st.cache_resource(show_spinner=False)
def _events(_atlas: Atlas, atlas_id: int, lang: str) -> dict[str, Any]:
    """Every event, and the event line's words with each count of unnamed events worded."""
    most = max(Counter(e.date.year for e in _atlas.events).values(), default=0)
    return {
        "events": [[e.date.isoformat(), e.title, e.summary] for e in _atlas.events],  # by date
        "listed": YEAR_EVENTS_LISTED,
        "words": {
            "year": _("No event on this day. In {year}: {events}"),
            "none": _("No recorded events on this day or in {year}."),
            "more": {str(n): ngettext("(+{n} more)", "(+{n} more)", n).format(n=n)
                     for n in range(1, most - YEAR_EVENTS_LISTED + 1)},
        },
    }


def _status(atlas: Atlas, region: str | None) -> dict[str, Any]:
    """The region's periods, for the panel's one-sentence summary of the day on screen."""
    words = {"none": _("{region}, {date}: no record on this date."),
             "held": _("{region}, {date}: held by {holder}; {status}."),
             "noRegion": _("{date}: no region chosen.")}
    if not region:
        return {"region": "", "periods": [], "words": words}
    return {
        "region": i18n.place(atlas.units[region]),
        "periods": [[p.start.isoformat(), p.end.isoformat() if p.end else None,
                     atlas.holder_name(p.holder, p.within),
                     i18n.status_label(p.status, p.regime)] for p in atlas.history(region)],
        "words": words,
    }


def _data(atlas: Atlas, part: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """What one part needs on this run: only the control gets the change days and labels."""
    day: date = st.session_state[SESSION_DATE]
    fixed = _fixed(atlas, id(atlas), i18n.current())
    if part != "controls":
        fixed = {"patterns": fixed["patterns"]}
    module = mapview.app_asset_url(MODULE, st.get_option("server.baseUrlPath") or "")
    return {**fixed, **(extra or {}), "part": part, "day": day.isoformat(),
            "seq": st.session_state.get(SEQ, 0), "module": module}


def on_day() -> None:
    """Apply the date the browser settled on (``{"day": ISO, "seq": n}``)."""
    value = (st.session_state.get(KEY) or {}).get("day") or {}
    try:
        day = date.fromisoformat(str(value.get("day")))
        seq = int(value.get("seq"))
    except (TypeError, ValueError):
        return
    if seq >= st.session_state.get(SEQ, 0):
        st.session_state[SEQ] = seq
        set_date(clamp_date(day))


def heading(atlas: Atlas) -> None:
    """The page heading (h1): the date on screen, updated by the browser at every step."""
    _COMPONENT(key="time_heading", data=_data(atlas, "heading"))


def controls(atlas: Atlas) -> None:
    """Year slider, previous/next change, exact date, play and its speed."""
    _COMPONENT(key=KEY, data=_data(atlas, "controls"), on_day_change=on_day)


def legend(atlas: Atlas) -> None:
    """The legend's part that follows the date: holders, Straits regimes and overlays."""
    lang = i18n.current()
    _COMPONENT(key="time_legend", data=_data(atlas, "legend", _legends(atlas, id(atlas), lang)))


def events(atlas: Atlas) -> None:
    """The events of the day on screen, else those of its year."""
    lang = i18n.current()
    _COMPONENT(key="time_events", data=_data(atlas, "events", _events(atlas, id(atlas), lang)))


def status(atlas: Atlas, region: str | None) -> None:
    """The region panel's spoken summary (a polite live region) of the day on screen."""
    _COMPONENT(key="time_status", data=_data(atlas, "status", _status(atlas, region)))
