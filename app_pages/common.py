"""Helpers every page shares: the cached atlas, URL parameters, shared date/region, footer.

API for other pages (keep it small):

- ``load_atlas()``: the engine's ``Atlas``, loaded once per server process.
- ``SESSION_DATE`` / ``SESSION_REGION``: session-state keys of the date (``datetime.date``) and
  selected unit id (``str | None``) the user is looking at; pages may read them and write them.
- ``init_view_state(atlas)``: seed both keys from ``?date=``/``?year=``/``?region=`` on the first
  run of a browser session; returns notices about ignored or clamped parameters to show.
  The parsing itself is ``app_pages.params``, shared by every page. ``forget_urls()``: called
  by ``app.py`` on every other page, so that a link back to the Atlas may name an older view.
- ``md(text)``: escape data text for ``st.markdown``; ``long_date(d)``: "16 March 1921" in the
  interface language (``app_pages.i18n``).
- ``footer()``: attribution line. Links to pages are built by ``app_pages.routes``.
- ``map_assets()``: basemap URLs and Leaflet's own links, with folium's links made local;
  ``state_layers(atlas)``: the map's per-date layer builder (unit shapes published once);
  ``timeline_url(atlas)``: every distinct map by date, for painting a year step at once (both
  files made once per data version, see ``geo.web.published``).
- ``page_script(script_id, relative)``: run ``static/app/<relative>`` once in the app page
  itself (keyboard handlers, map synchronisation) so that it survives Streamlit replacing
  component frames; ``app_css(relative)``: apply a style sheet from ``static/app``.

Streamlit clears query parameters when the user switches page, so the date and
region live in session state and each page writes them back to the URL itself.
"""

from __future__ import annotations

import html
import os
import re
from datetime import date
from pathlib import Path

import folium
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from app_pages import i18n, routes
from app_pages.i18n import _
from app_pages.i18n import long_date as long_date  # the pages import it from here
from app_pages.params import clamp_date, parse_date_params, parse_region_param
from geo.engine.search import SearchIndex, build_index, normalize
from geo.engine.timeline import Atlas
from geo.paths import DATA, STATIC
from geo.records.source_classes import CLASSES, SourceClass, load_source_classes
from geo.web import mapview, published
from geo.web.vendor_assets import (
    basemap_urls,
    local_prefix,
    localize_folium_assets,
    sync_static_geo,
)

SESSION_DATE = "atlas_date"
SESSION_REGION = "atlas_region"
SESSION_NOTICES = "atlas_notices"
SESSION_URL = "atlas_url"  # (date, year, region) parameters the Atlas last wrote
SESSION_URLS = "atlas_urls"  # the same, every one the Atlas read or wrote since it was opened
URLS_KEPT = 32  # a late request names one of the last few; Back goes further in the history
DEFAULT_DATE = date(1921, 10, 13)
DATA_ENV = "BORDERLANDS_DATA"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def data_dir() -> Path:
    """``data/`` of the checkout, or the folder named by ``BORDERLANDS_DATA`` (used by tests)."""
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else DATA


@st.cache_resource(show_spinner="Loading the atlas…")
def _load_atlas(folder: str) -> Atlas:
    return Atlas.load(Path(folder))


def load_atlas() -> Atlas:
    """The atlas of ``data_dir()``, loaded once per server process and folder."""
    return _load_atlas(str(data_dir()))


@st.cache_resource(show_spinner=False)
def _source_classes(folder: str) -> dict[str, SourceClass]:
    return load_source_classes(Path(folder))


def source_badge(source_class: str) -> str:
    """Streamlit badge for a source class: green for texts and official publications, blue for
    scholarship and reference works, red for the weak classes."""
    label = _(CLASSES[source_class]) if source_class in CLASSES else _("Unclassified")
    if source_class in ("primary-text", "official-publication"):
        colour = "green"
    elif source_class in ("scholarly-work", "encyclopedia"):
        colour = "blue"
    else:
        colour = "red"
    return f":{colour}-badge[{label}]"


def cited(url: str) -> str:
    """A source link followed by the badge of its class (``data/sources.csv``)."""
    record = _source_classes(str(data_dir())).get(url)
    return md(url) + " " + source_badge(record.source_class if record else "")


def source_class_of(url: str) -> str:
    record = _source_classes(str(data_dir())).get(url)
    return record.source_class if record else ""


def source_legend() -> str:
    """One line naming every badge, for the pages that show them."""
    return _("Source classes: {badges}").format(
        badges=" ".join(source_badge(name) for name in CLASSES))


@st.cache_resource
def map_assets() -> tuple[dict[str, str], list[tuple[str, str]], list[tuple[str, str]]]:
    """Localise folium's links once per process, locate the static basemap layers, and add the
    map's own script and style sheet (``static/app``) to Leaflet's links."""
    base = st.get_option("server.baseUrlPath") or ""
    localize_folium_assets(base)
    sync_static_geo()
    atlas_js, atlas_css = mapview.map_links(base)
    leaflet_js = [link for link in folium.Map.default_js if link[0] == "leaflet"] + atlas_js
    leaflet_css = [link for link in folium.Map.default_css if link[0] == "leaflet_css"] + atlas_css
    return basemap_urls(base), leaflet_js, leaflet_css


def static_geo_url(name: str) -> str:
    """Served URL of a published file (``static/geo/<name>``, ``geo.web.published``)."""
    return f"{local_prefix(st.get_option('server.baseUrlPath') or '')}geo/{name}"


@st.cache_resource
def _state_layers(_atlas: Atlas, folder: str, lang: str) -> mapview.StateLayers:
    url = static_geo_url(published.shapes_file(_atlas))
    return mapview.StateLayers(_atlas, url, i18n.map_words(lang))


@st.cache_resource(show_spinner=False)
def _timeline_url(_atlas: Atlas, folder: str, lang: str) -> str:
    return static_geo_url(published.timeline_file(_atlas, Path(folder), i18n.map_words(lang)))


def timeline_url(atlas: Atlas) -> str:
    """URL of the Atlas map's year-step timeline (``StateLayers.timeline_json``), worded in the
    interface language; made once per data version and language and reused by every later
    process (``geo.web.published``)."""
    return _timeline_url(atlas, str(data_dir()), i18n.current())


def state_layers(atlas: Atlas) -> mapview.StateLayers:
    """Layer builder of this atlas in the interface language, keyed by data folder as the atlas
    itself is (the shapes are shared: their URL names only their content)."""
    return _state_layers(atlas, str(data_dir()), i18n.current())


def md(text: object) -> str:
    """Escape every Markdown-active character so data text is shown exactly as written."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def init_view_state(atlas: Atlas) -> list[str]:
    """Seed date and region from the URL once per session; later runs keep the session values.

    The URL is read again when it names a view this page did not write itself: a link from
    another page ("Show on map", a search result) must win over the session's old view. An
    address the page wrote itself earlier is not such a link (``late_own_address``).
    Returns the notices of that parse until the user moves on (see ``clear_notices``).
    """
    params = st.query_params
    incoming = (params.get("date"), params.get("year"), params.get("region"))
    followed_link = (any(incoming) and incoming != st.session_state.get(SESSION_URL)
                     and not late_own_address(incoming))
    if SESSION_DATE not in st.session_state or followed_link:
        day, notices = parse_date_params(params.get("date"), params.get("year"))
        region, region_notices = parse_region_param(params.get("region"), atlas.units)
        st.session_state[SESSION_DATE] = day or DEFAULT_DATE
        st.session_state[SESSION_REGION] = region
        st.session_state[SESSION_NOTICES] = notices + region_notices
        st.session_state[SESSION_URL] = incoming
        remember_url(incoming)
    return list(st.session_state.get(SESSION_NOTICES, []))


def late_own_address(incoming: tuple) -> bool:
    """Whether a run's address is one the Atlas read or wrote earlier in this visit, sent late.

    The browser sends each request with the address it last heard of from the server. A
    request made while a run of the whole page was still on its way (a date step, a map click
    under load) names the address from before that run, and taking it for a followed link
    would move the date back. Browser history (Back, Forward) does ask for an older view.
    """
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.is_history_navigation:
        return False
    return incoming in st.session_state.get(SESSION_URLS, ())


def remember_url(url: tuple) -> None:
    kept = [known for known in st.session_state.get(SESSION_URLS, ()) if known != url]
    st.session_state[SESSION_URLS] = [*kept[-(URLS_KEPT - 1):], url]


def forget_urls() -> None:
    """On any other page: a link back to the Atlas may name any view, older ones included."""
    st.session_state.pop(SESSION_URLS, None)


def clear_notices() -> None:
    st.session_state[SESSION_NOTICES] = []


def set_date(day: date) -> None:
    st.session_state[SESSION_DATE] = clamp_date(day)
    clear_notices()


def set_region(region: str | None) -> None:
    st.session_state[SESSION_REGION] = region
    clear_notices()


def write_url(day: date, region: str | None) -> None:
    """Keep the address bar shareable: it always names the date and selection on screen.

    The values are written on every run, even when the server's copy already holds them: a
    run interrupted by the next key press may have updated that copy without the browser ever
    receiving it, and skipping "unchanged" values then left the address bar a step behind.
    """
    params = st.query_params
    if "year" in params:
        del params["year"]
    params["date"] = day.isoformat()
    if region:
        params["region"] = region
    elif "region" in params:
        del params["region"]
    st.session_state[SESSION_URL] = (day.isoformat(), None, region)
    remember_url(st.session_state[SESSION_URL])


def footer() -> None:
    st.caption(_(
        "Basemap and modern outlines from Natural Earth (public domain). Historical boundaries, "
        "dates and legal bases are this project's own compilation; every record names its "
        "sources. Summaries are ours; quotations are verbatim from the cited editions."
    ))


# --- sidebar search (written with the reference pages; see geo/search.py) ------------------

SEARCH_ICONS = {
    "region": ":material/location_on:",
    "document": ":material/description:",
    "event": ":material/event:",
}


@st.cache_resource(show_spinner=False)
def search_index(_atlas: Atlas, atlas_id: int) -> SearchIndex:
    """One index per loaded atlas; ``atlas_id`` keys the cache because the atlas is unhashable."""
    return build_index(_atlas.units, _atlas.documents, _atlas.events)


def search_sidebar(atlas: Atlas) -> None:
    """Sidebar search over regions, documents and events by any name or spelling.

    Each result links to the page that shows it; when the matching name is not the display
    name (searching "Batoum" finds "Batumi"), the matched spelling is shown under the link.
    """
    query = st.sidebar.text_input(
        _("Search regions, documents, events"),
        placeholder=_("Kars, Batoum, Naxçıvan, Sèvres…"),
        key="search-query",
    )
    if not query.strip():
        return
    hits = search_index(atlas, id(atlas)).search(query, limit=10)
    if not hits:
        st.sidebar.caption(_("Nothing found."))
    for hit in hits:
        entry = hit.entry
        dated = entry.detail and entry.kind != "region"
        label = entry.label + (f" ({entry.detail})" if dated else "")
        st.sidebar.page_link(
            routes.BY_SERVED_PATH[entry.page].page,
            label=md(label),
            query_params=i18n.link_params(entry.params),
            icon=SEARCH_ICONS[entry.kind],
        )
        if normalize(hit.matched) != normalize(entry.label):
            st.sidebar.caption(_("matched: {name}").format(name=md(hit.matched)))


def page_script(script_id: str, relative: str) -> None:
    """Install ``static/app/<relative>`` once in the app page (same origin), not in a frame.

    Timers and listeners created by code of a component frame stop for good when Streamlit
    replaces that frame on a rerun, so a tiny frame only runs ``js/page-script.js``, which
    appends the script to its parent; the element id keeps the page to one copy per tab.
    """
    base = st.get_option("server.baseUrlPath") or ""
    loader = (f'<script src="{html.escape(mapview.app_asset_url("js/page-script.js", base))}" '
              f'data-id="{html.escape(script_id)}" '
              f'data-src="{html.escape(mapview.app_asset_url(relative, base))}"></script>')
    st.iframe(loader, height=1)


def app_css(relative: str) -> None:
    """Apply the style sheet ``static/app/<relative>`` to the page (Streamlit wraps it)."""
    st.html(STATIC / "app" / relative)
