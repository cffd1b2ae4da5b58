"""Every page of the app and the one way to link to it.

``PAGES`` is the list ``app.py`` builds the navigation from; links between pages use a
``Route`` (``st.page_link(routes.TOUR.page, ...)``, ``routes.TREATIES.href(doc=...)``) instead of
path literals, so renaming a page or its URL is a change in one place. The Atlas is the default
page, so Streamlit serves it at ``/`` whatever its url_path says.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import streamlit as st

from app_pages.i18n import N_, link_params

FALLBACK_ORIGIN = "http://localhost:8501"


@dataclass(frozen=True)
class Route:
    """One page: its file under ``app_pages/``, navigation title and URL path.

    The title is the English message; the navigation shows it translated (``i18n._``).
    """

    file: str
    title: str
    url_path: str
    listed: bool = True

    @property
    def page(self) -> str:
        """The page as ``st.page_link``/``st.switch_page`` and AppTest name it."""
        return f"app_pages/{self.file}"

    @property
    def served_path(self) -> str:
        """The path in the browser's address bar: ``""`` for the default page, served at ``/``."""
        return "" if self is ATLAS else self.url_path

    def href(self, **params: str) -> str:
        """A link relative to the app's root, for Markdown links inside the app; it keeps the
        reader's interface language."""
        return self._path(link_params(params))

    def absolute_url(self, **params: str) -> str:
        """The link a reader can copy: same scheme and host as the page they are reading.

        Citations use it, so it names no interface language: a cited view is the same in all.
        """
        return app_origin() + self._path(params)

    def _path(self, params: dict[str, str]) -> str:
        query = f"?{urlencode(params)}" if params else ""
        return f"/{self.served_path}{query}"


ATLAS = Route("atlas.py", N_("Atlas"), "atlas")
TIMELINE = Route("timeline.py", N_("Timeline"), "timeline")
REGIONS = Route("regions.py", N_("Regions"), "regions")
TREATIES = Route("treaties.py", N_("Treaties"), "treaties")
COMPARE = Route("compare.py", N_("Compare dates"), "compare")
TOURS = Route("tours.py", N_("Tours"), "tours")
TOUR = Route("tour.py", N_("Tour"), "tour", listed=False)
SOURCES = Route("sources.py", N_("Sources"), "sources")

PAGES: tuple[Route, ...] = (ATLAS, TIMELINE, REGIONS, TREATIES, COMPARE, TOURS, TOUR, SOURCES)
BY_SERVED_PATH = {route.served_path: route for route in PAGES}


def app_origin() -> str:
    """Scheme and host the reader is using, so copied URLs work where they were copied from."""
    url = st.context.url or ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else FALLBACK_ORIGIN
