"""Marks the display text that ``geo`` produces (legend words, source class names) for the
app's message catalogues: Babel extracts every ``N_("...")``, and the pages translate the
marked text with their own gettext. ``geo`` itself stays English and never imports the app.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """``message`` unchanged; the call only marks it for extraction."""
    return message
