"""The words the map itself shows (tooltips, shape names, control titles), in one language.

``geo`` stays English and never imports the app: a page passes a ``MapWords`` built from its
message catalogue (``app_pages.i18n.map_words``), and the defaults give the English text. The
browser gets the words as a small table (``browser``) and fills the tooltips with them
(``static/app/js/atlas-map.js``); the unit texts themselves are written in these words by
``StateLayers``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from geo.messages import N_
from geo.records.model import STATUS_LABELS

# Keys the browser code reads -> the English message (extracted for the catalogues).
BROWSER_WORDS: dict[str, str] = {
    "heldBy": N_("Held by"),
    "status": N_("Status"),
    "claim": N_("Claim"),
    "note": N_("Note"),
    "modern": N_("context area drawn at its modern outline"),
    "uncertain": N_("boundary or dates uncertain"),
    # TRANSLATORS: the spoken name of a region's shape on the map, e.g. "held by Turkey".
    "heldByName": N_("held by {holder}"),
    "zoomIn": N_("Zoom in"),
    "zoomOut": N_("Zoom out"),
}
FULL_SCREEN = N_("Full screen")
EXIT_FULL_SCREEN = N_("Exit full screen")
NOT_IN_FORCE = N_("not in force")
EXTENT_INFERRED = N_("extent inferred")


def english_term(key: str) -> str:
    """A vocabulary word of the data in English ("treaty-never-in-force" -> "treaty never in
    force"; a status as ``Period.status_label`` writes it)."""
    return STATUS_LABELS.get(key) or key.replace("-", " ")


def english_place(unit: Any) -> str:
    return str(getattr(unit, "name_en", ""))


@dataclass(frozen=True)
class MapWords:
    """How the map words its texts: ``gettext`` for its own messages, ``term`` for the data's
    vocabulary (statuses, claim kinds), ``place`` for a unit's name. Each is fixed to one
    language, since a map layer built with them is cached and shared by every session."""

    gettext: Callable[[str], str] = N_
    term: Callable[[str], str] = english_term
    place: Callable[[Any], str] = field(default=english_place)

    def browser(self) -> dict[str, str]:
        """The table of words ``atlas-map.js`` fills the tooltips and shape names with."""
        return {key: self.gettext(message) for key, message in BROWSER_WORDS.items()}

    def status(self, status: str, regime: str = "") -> str:
        label = self.term(status)
        return f"{label} ({regime})" if regime else label

    def claim(self, claimant: str, kind: str, in_force: bool, inferred: bool) -> str:
        """One claim in a tooltip: "USSR (demand, not in force)"."""
        parts = [self.term(kind)]
        if not in_force:
            parts.append(self.gettext(NOT_IN_FORCE))
        if inferred:
            parts.append(self.gettext(EXTENT_INFERRED))
        return f"{claimant} ({', '.join(parts)})"
