"""Interface language: gettext catalogues, the ``?lang=`` parameter, locale-aware formats.

The interface speaks English, Turkish or Russian. Every interface string is written in English
inside ``_()`` (or ``N_()`` where it must be a constant, translated later with ``_()``), and
``scripts/i18n-update.sh`` extracts them with Babel into ``locales/``. The Turkish and Russian
catalogues are read from their ``.po`` files the first time a language is used in a process
(compiled in memory with Babel, so no build step and no compiled file in the checkout).

The language lives in session state and in the URL: ``init_language`` (called by the app's
frame on every run) reads ``?lang=``, falls back to English with a notice for anything else,
and writes the parameter back, since Streamlit clears query parameters when the page changes.
``link_params`` adds it to every link between pages.

Our summaries, captions and notes (data text) stay in English; names of places are shown in
the chosen language where ``data/units.csv`` has them (``place``).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from gettext import NullTranslations
from io import BytesIO
from pathlib import Path

import streamlit as st
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from geo.web.mapview.words import MapWords

DEFAULT = "en"
# code -> the language's own name, shown in the switch whatever the interface language is
LANGUAGES: dict[str, str] = {"en": "English", "tr": "Türkçe", "ru": "Русский"}
# Babel locale per code: British English writes "16 March 1921", as the project always has.
LOCALES: dict[str, str] = {"en": "en_GB", "tr": "tr_TR", "ru": "ru_RU"}
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
SESSION_LANG = "ui_lang"
WIDGET = "w_lang"
PARAM = "lang"


def N_(message: str) -> str:
    """Mark a constant for extraction; translate it with ``_()`` where it is shown."""
    return message


def po_path(code: str) -> Path:
    return LOCALES_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(code: str) -> NullTranslations:
    """The catalogue of ``code`` (English has none: its messages are the source strings)."""
    if code == DEFAULT or code not in LANGUAGES:
        return NullTranslations()
    with po_path(code).open("rb") as handle:
        catalog = read_po(handle, locale=LOCALES[code], domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def current() -> str:
    """Code of the interface language of this browser session."""
    code = st.session_state.get(SESSION_LANG, DEFAULT)
    return code if code in LANGUAGES else DEFAULT


def _(message: str) -> str:
    """``message`` in the session's language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` that fits ``n`` (Russian has three)."""
    return translations(current()).ngettext(singular, plural, n)


def _on_switch() -> None:
    code = st.session_state.get(WIDGET, DEFAULT)
    st.session_state[SESSION_LANG] = code
    _write_param(code)


def _write_param(code: str) -> None:
    if code == DEFAULT:
        if PARAM in st.query_params:
            del st.query_params[PARAM]
    else:
        st.query_params[PARAM] = code


def init_language() -> str | None:
    """Set the session's language from ``?lang=`` and keep it in the URL.

    Returns the unreadable value when ``?lang=`` named no language we have (the page then
    says it shows English instead), else None. Without the parameter the session keeps its
    language: Streamlit drops query parameters when the reader changes page.
    """
    raw = st.query_params.get(PARAM)
    unknown = None
    if raw is not None:
        code = raw.strip().lower()
        if code in LANGUAGES:
            st.session_state[SESSION_LANG] = code
        else:
            st.session_state[SESSION_LANG] = DEFAULT
            unknown = raw
    _write_param(current())
    return unknown


def language_switch() -> None:
    """The sidebar's language choice; its label is in all three languages on purpose."""
    if st.session_state.get(WIDGET) != current():
        st.session_state[WIDGET] = current()
    st.sidebar.selectbox(
        "Language · Dil · Язык",
        list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key=WIDGET,
        on_change=_on_switch,
    )


def link_params(params: dict[str, str] | None = None) -> dict[str, str]:
    """Query parameters of a link to another page, carrying the interface language."""
    out = dict(params or {})
    if current() != DEFAULT:
        out[PARAM] = current()
    return out


def long_date(day: date) -> str:
    """"16 March 1921", "16 Mart 1921", "16 марта 1921 г."."""
    return format_date(day, format="long", locale=LOCALES[current()])


def number(value: float, digits: int = 0) -> str:
    """A number with the locale's grouping and decimal signs (12,345 / 12.345 / 12 345), with
    at most ``digits`` decimals (none shown when they are zero)."""
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALES[current()])


def place(unit: object, code: str | None = None) -> str:
    """A unit's name in the interface language (or ``code``'s) where the data gives one, else
    in English."""
    names: dict[str, str] = getattr(unit, "names", {}) or {}
    return names.get(code or current()) or getattr(unit, "name_en", "")


# Words of the data's closed vocabularies (statuses, certainties, kinds), shown translated.
VOCABULARY: dict[str, str] = {
    "sovereign": N_("sovereign"),
    "occupied": N_("occupied"),
    "administered": N_("administered"),
    "autonomous": N_("autonomous"),
    "contested": N_("contested"),
    "demilitarized": N_("demilitarized zone"),
    "firm": N_("firm"),
    "approximate": N_("approximate"),
    "disputed": N_("disputed"),
    "focus": N_("focus"),
    "straits": N_("straits"),
    "context": N_("context"),
    "historical": N_("historical"),
    "modern-outline": N_("modern outline"),
    "claim": N_("claim"),
    "award": N_("award"),
    "demand": N_("demand"),
    "treaty-never-in-force": N_("treaty never in force"),
    "disputed-regime": N_("disputed regime"),
    "treaty": N_("treaty"),
    "war": N_("war"),
    "occupation": N_("occupation"),
    "diplomacy": N_("diplomacy"),
    "administrative": N_("administrative"),
    "crisis": N_("crisis"),
    "other": N_("other"),
    "convention": N_("convention"),
    "protocol": N_("protocol"),
    "armistice": N_("armistice"),
    "note": N_("note"),
    "address": N_("address"),
    "record": N_("record"),
    "report": N_("report"),
    "complete": N_("complete"),
    "partial": N_("partial"),
    "holder": N_("holder"),
    "within": N_("union republic"),
    "status": N_("status"),
    "regime": N_("regime"),
}


def term(key: str, code: str | None = None) -> str:
    """A vocabulary word (``"occupied"``, ``"treaty-never-in-force"``) in the interface language
    (or ``code``'s); an unknown word is shown as the data writes it."""
    label = VOCABULARY.get(key)
    return translations(code or current()).gettext(label) if label else key


def map_words(code: str) -> MapWords:
    """The map's own words (tooltips, control titles, unit texts) fixed to language ``code``:
    map layers are cached per language and shared by every session, so they must not follow
    the session's language later."""
    return MapWords(
        gettext=translations(code).gettext,
        term=lambda key: term(key, code),
        place=lambda unit: place(unit, code),
    )


def status_label(status: str, regime: str = "") -> str:
    """``Period.status_label`` in the interface language; the regime's name stays as written."""
    label = term(status)
    return f"{label} ({regime})" if regime else label
