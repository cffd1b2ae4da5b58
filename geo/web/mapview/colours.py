"""Fixed colours of holders and Straits regimes, and text escaping for the map's HTML.

Paul Tol's colour-blind-safe "muted", "bright" and "light" schemes; one fixed colour per state
so that a holder keeps its colour on every date. Union republics take their parent's colour.
The pair the atlas is about stays far apart: Ottoman/Turkish reds against Russian/Soviet blues.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Protocol

HOLDER_COLOURS: dict[str, str] = {
    "russian-empire": "#332288",
    "soviet-russia": "#4477AA",
    "ussr": "#4477AA",
    "ottoman-empire": "#882255",
    "turkey": "#CC6677",
    "armenia": "#DDCC77",
    "georgia": "#117733",
    "azerbaijan": "#88CCEE",
    "nakhchivan-ssr": "#AA4499",
    "iran": "#44AA99",
    "united-kingdom": "#999933",
    "allied-powers": "#999933",
    "greece": "#77AADD",
    "bulgaria": "#EE8866",
}
FALLBACK_COLOURS = ("#BBCC33", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#AAAA00")
LOCAL_AUTHORITY_COLOUR = "#BBBBBB"
UNKNOWN_COLOUR = "#DDDDDD"

REGIME_COLOURS: dict[str, str] = {"lausanne": "#EE7733", "montreux": "#0077BB"}
REGIME_FALLBACK_COLOUR = "#009988"

# SEA_COLOUR is also the map frame's background in static/app/css/atlas-map.css.
SEA_COLOUR = "#D4E6F1"
LAND_COLOUR = "#F2EFE6"
WATER_COLOUR = "#A9CCE3"


class HolderLike(Protocol):
    """What the colours read of a holder; read-only, so frozen ``Holder`` records satisfy it."""

    @property
    def kind(self) -> str: ...

    @property
    def parent(self) -> str: ...


def html_text(value: object) -> str:
    """Text safe to paste into HTML (the legend is drawn as Markdown with HTML allowed)."""
    return html.escape(str(value), quote=True)


def markdown_html_text(value: object) -> str:
    """Text safe in HTML that ``st.markdown`` also parses: backtick, dollar and backslash, which
    Markdown would read as code, maths or an escape, become character references."""
    return html_text(value).replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def holder_colour(holder_id: str, holders: Mapping[str, HolderLike]) -> str:
    """Fixed colour of a holder: its own, else its parent state's, else a stable fallback."""
    if holder_id in HOLDER_COLOURS:
        return HOLDER_COLOURS[holder_id]
    holder = holders.get(holder_id)
    if holder is not None:
        if holder.parent in HOLDER_COLOURS:
            return HOLDER_COLOURS[holder.parent]
        if holder.kind in ("local-authority", "occupation-authority"):
            return LOCAL_AUTHORITY_COLOUR
    if not holder_id:
        return UNKNOWN_COLOUR
    return FALLBACK_COLOURS[sum(map(ord, holder_id)) % len(FALLBACK_COLOURS)]


def regime_colour(regime: str) -> str:
    lowered = regime.lower()
    return next((c for k, c in REGIME_COLOURS.items() if k in lowered), REGIME_FALLBACK_COLOUR)
