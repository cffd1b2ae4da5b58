"""Entry point: page setup and navigation for every page of the Borderlands Atlas.

``app_pages.routes.PAGES`` is the one list to edit when a page is added. The Atlas is the
default page and is therefore served at ``/`` (Streamlit ignores a default page's url_path).
The pages live in ``app_pages/``, not ``pages/``: a folder of that name beside this file would
put Streamlit into its legacy multipage mode for a first visit to a page URL on a fresh server.

This file is the frame around every page, so the sidebar search lives here: one widget key,
created once per run, and the search box stays put (with its query) when the page changes.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages import routes
from app_pages.common import load_atlas, search_sidebar
from geo.engine.timeline import DataError

APP_DIR = Path(__file__).resolve().parent

def app_pages() -> list[st.Page]:
    return [
        st.Page(
            APP_DIR / route.page,
            title=route.title,
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


st.set_page_config(page_title="Borderlands Atlas", layout="wide")
st.html(APP_DIR / "static" / "app" / "css" / "app.css")  # every page: contrast, focus ring
navigation = st.navigation(app_pages())
sidebar_search()
navigation.run()
