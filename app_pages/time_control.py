"""The Atlas's date heading and time control, stepped in the browser (``st.components.v2``).

Why a component: with Streamlit's own slider every key press reran the page on the server
(about 70 ms of CPU per step on the project's 2-core machine) and keys pressed faster than the
reruns were lost or snapped the slider back. The browser code
(``static/app/js/time-control.mjs``) shows each step at once (slider, heading, address bar and
the map, which paints from the published timeline) and tells the server only once the date has
settled; ``on_day`` then applies it. Each step carries a sequence number, and the server sends
back the last one it applied, so a server run that has not seen the latest steps never moves
the browser's date back.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st
from babel.dates import format_date

from app_pages import i18n
from app_pages.common import SESSION_DATE, set_date
from app_pages.i18n import N_, _
from app_pages.params import clamp_date
from geo.engine.timeline import Atlas
from geo.paths import STATIC
from geo.records.model import RANGE_END, RANGE_START

KEY = "time_control"
SEQ = "_atlas_time_seq"  # the last browser step the server applied
SPEEDS = ((2.0, N_("slow")), (1.0, N_("normal")), (0.5, N_("fast")))  # seconds per year
_COMPONENT = st.components.v2.component(
    "borderlands.atlas_time",
    js=(STATIC / "app" / "js" / "time-control.mjs").read_text(encoding="utf-8"),
    css=(STATIC / "app" / "css" / "time-control.css").read_text(encoding="utf-8"),
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


def _data(atlas: Atlas, part: str) -> dict[str, Any]:
    """What one part needs on this run: the heading only writes the date, so it is not sent the
    control's change days and labels again on every settled date."""
    day: date = st.session_state[SESSION_DATE]
    fixed = _fixed(atlas, id(atlas), i18n.current())
    if part == "heading":
        fixed = {"patterns": fixed["patterns"]}
    return {**fixed, "part": part, "day": day.isoformat(), "seq": st.session_state.get(SEQ, 0)}


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
