"""Entry point: page setup and navigation for every page of the Borderlands Atlas.

``app_pages.routes.PAGES`` is the one list to edit when a page is added. The Atlas is the
default page and is therefore served at ``/`` (Streamlit ignores a default page's url_path).
The pages live in ``app_pages/``, not ``pages/``: a folder of that name beside this file would
put Streamlit into its legacy multipage mode for a first visit to a page URL on a fresh server.

This file is the frame around every page, so the sidebar search and the language switch live
here: one widget key each, created once per run, so both stay put when the page changes. The
language is settled first (``app_pages.i18n``), since the navigation titles depend on it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages import atlas_base, i18n, routes
from app_pages.common import forget_urls, load_atlas, md, search_sidebar
from app_pages.i18n import _
from app_pages.params import short_value
from geo.engine.timeline import DataError

APP_DIR = Path(__file__).resolve().parent


def app_pages() -> list[st.Page]:
    return [
        st.Page(
            APP_DIR / route.page,
            title=_(route.title),
            url_path=route.url_path,
            default=route is routes.ATLAS,
            visibility="visible" if route.listed else "hidden",
        )
        for route in routes.PAGES
    ]


def sidebar_search() -> None:
    """Search on every page; when the data cannot load, the Atlas page explains why instead."""
    try:
        atlas = load_atlas()
    except DataError:
        return
    search_sidebar(atlas)


def map_preload(page: st.Page) -> str:
    """On the Atlas page, a script that has the browser start the map's files before the page
    is drawn (``atlas_base.preload_html``): they are what its first painted map waits for."""
    if page.url_path != routes.ATLAS.served_path:
        return ""
    try:
        atlas = load_atlas()
    except DataError:
        return ""
    return atlas_base.preload_html(atlas)


def page_head(page: st.Page) -> None:
    """Tell the browser (and screen readers, which pick their voice by it) the page's language:
    Streamlit's page always says ``lang="en"``. The code is one of ``i18n.LANGUAGES``, never
    the raw parameter. One element with the map's preload: each element takes a gap."""
    st.html(f'<script>document.documentElement.lang = "{i18n.current()}";</script>'
            + map_preload(page), unsafe_allow_javascript=True)


def language(unknown: str | None) -> None:
    """Offer the language switch, say what stays in English, and explain a bad ``?lang=``."""
    if unknown is not None:
        st.warning(md(_("Unknown language lang={value}; the interface is shown in English.")
                      .format(value=repr(short_value(unknown)))))
    i18n.language_switch()
    if i18n.current() != i18n.DEFAULT:
        st.sidebar.caption(_("Our summaries, captions and notes are in English; quotations "
                             "stay in the language of their source."))


unknown_language = i18n.init_language()
st.set_page_config(page_title=_("Borderlands Atlas"), layout="wide")
st.html(APP_DIR / "static" / "app" / "css" / "app.css")  # every page: contrast, focus ring
navigation = st.navigation(app_pages())
if navigation.url_path != routes.ATLAS.served_path:
    forget_urls()
page_head(navigation)
language(unknown_language)
sidebar_search()
navigation.run()
