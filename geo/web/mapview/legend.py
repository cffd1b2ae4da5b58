"""The map legend: holders and Straits regimes on the map of a state, and the symbols.

Drawn by Streamlit as escaped HTML under the map (branca legends break offline); the slide
images draw the same entries (``geo.web.slide_style``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from geo.messages import N_
from geo.web.mapview.colours import holder_colour, html_text, markdown_html_text, regime_colour
from geo.web.mapview.words import english_term


class AtlasLike(Protocol):
    """What the map reads of an atlas; read-only properties, so the frozen ``Atlas`` fits."""

    @property
    def units(self) -> Mapping[str, Any]: ...

    @property
    def holders(self) -> Mapping[str, Any]: ...

    @property
    def geometries(self) -> Mapping[str, dict[str, Any]]: ...

    def holder_name(self, holder_id: str, within: str = "") -> str: ...


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str


def legend(atlas: AtlasLike, state: Any) -> tuple[list[LegendEntry], list[LegendEntry]]:
    """(holders, Straits regimes) present on the map of ``state``, in a stable order."""
    holders: dict[str, set[str]] = {}
    regimes: dict[str, str] = {}
    for unit_state in state.units.values():
        period = unit_state.period
        colour = holder_colour(period.holder, atlas.holders)
        holders.setdefault(colour, set()).add(atlas.holder_name(period.holder))
        for claim in unit_state.claims:
            colour = holder_colour(claim.claimant, atlas.holders)
            holders.setdefault(colour, set()).add(atlas.holder_name(claim.claimant))
        if period.regime:
            regimes[period.regime] = regime_colour(period.regime)
    holder_entries = sorted(
        (LegendEntry(colour, " / ".join(sorted(names))) for colour, names in holders.items()),
        key=lambda e: e.label,
    )
    regime_entries = [LegendEntry(c, r) for r, c in sorted(regimes.items())]
    return holder_entries, regime_entries


SYMBOLS: tuple[tuple[str, str, str], ...] = (
    ("#fff", N_("dots: occupied / administered"),
     "background-image:radial-gradient(#555 30%,transparent 31%);background-size:5px 5px;"),
    ("#fff", N_("hatched: claim, award or demand"),
     "background-image:repeating-linear-gradient(45deg,#555 0 2px,#fff 2px 5px);"),
    ("#fff", N_("dashed edge: uncertain boundary or dates"), "border:1.5px dashed #222;"),
    ("#bbb", N_("dotted white edge: autonomy"), "border:2px dotted #fff;outline:1px solid #555;"),
    ("#e8e8e8", N_("pale: context area at its modern outline"), ""),
    ("#fff", N_("bold black edge: selected region"), "border:3px solid #000;"),
)


def _swatch(colour: str, label: str, extra: str = "") -> str:
    box = (
        '<span style="display:inline-block;width:0.9em;height:0.9em;border:1px solid #555;'
        f'background:{html_text(colour)};{extra}vertical-align:-0.1em;margin-right:0.3em">'
        "</span>"
    )
    wrapper = '<span style="margin-right:1em;display:inline-block;max-width:100%">'
    return f"{wrapper}{box}{markdown_html_text(label)}</span>"


def day_legend_html(atlas: AtlasLike, state: Any, gettext: Callable[[str], str] = N_,
                    term: Callable[[str], str] = english_term) -> str:
    """The part of the legend that follows the date, as escaped HTML: who holds the regions on
    the map of ``state``, the Straits regimes in force and the Straits overlays' claims.

    ``gettext`` and ``term`` word the legend's own messages and the data's vocabulary in the
    interface language; holder names, regimes and legal bases are data and stay as written.
    """
    holders, regimes = legend(atlas, state)
    held_by = markdown_html_text(gettext("Held by"))
    parts = [f"<div><b>{held_by}</b><br>"
             + "".join(_swatch(e.colour, e.label) for e in holders) + "</div>"]
    if regimes:
        regime_title = markdown_html_text(gettext("Straits regime"))
        parts.append(
            f'<div style="margin-top:0.3em"><b>{regime_title}</b><br>'
            + "".join(_swatch("#fff", e.label, f"border:3px solid {e.colour};") for e in regimes)
            + "</div>"
        )
    for claimant, kind, in_force, basis in straits_claims(atlas, state):
        force = gettext("in force") if in_force else gettext("never in force / not in force")
        note = gettext("Straits overlay: {claimant}, {kind} ({force}): {basis}").format(
            claimant=claimant, kind=term(kind), force=force, basis=basis)
        parts.append(f'<div class="atlas-legend-note">{markdown_html_text(note)}</div>')
    return "".join(parts)


def straits_claims(atlas: AtlasLike, state: Any) -> list[tuple[str, str, bool, str]]:
    """(claimant, kind, in force, legal basis) of every claim on a Straits unit, in order."""
    return sorted({
        (atlas.holder_name(c.claimant, c.within), c.kind, c.in_force, c.basis_text)
        for uid, unit_state in state.units.items() if uid.startswith("straits-")
        for c in unit_state.claims
    })


def symbols_html(gettext: Callable[[str], str] = N_) -> str:
    """The legend's fixed part: what dots, hatching and edge styles mean (escaped HTML)."""
    return ('<div style="margin-top:0.3em">'
            + "".join(_swatch(c, gettext(label), extra) for c, label, extra in SYMBOLS)
            + "</div>")


class TimelineLike(AtlasLike, Protocol):
    """An atlas that can cut its study range into runs (``geo.engine.timeline.Atlas``)."""

    def runs_of(self, value: Callable[[Any], Hashable]) -> tuple[list[tuple[date, int]], list]: ...


def legend_runs(atlas: TimelineLike, gettext: Callable[[str], str] = N_,
                term: Callable[[str], str] = english_term) -> dict[str, list[Any]]:
    """Every distinct day legend of the study range and the day each run of it starts.

    The browser shows the legend of the day on screen at every step, before the server hears
    of the step (``static/app/js/time-control.mjs``); a few dozen distinct legends cover the
    whole range, so they are published together as one file (``geo.web.published.legend_file``).
    """
    runs, texts = atlas.runs_of(lambda state: day_legend_html(atlas, state, gettext, term))
    return {"runs": [[day.isoformat(), number] for day, number in runs], "html": texts}
