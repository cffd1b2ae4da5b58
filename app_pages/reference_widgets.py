"""Widgets shared by the reference pages (treaties, timeline, regions, sources).

Data text reaches Markdown only through ``app_pages.common.md``, so a stray ``*``, ``$`` or ``<``
in a treaty quotation is shown as written instead of being read as formatting.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode, urlsplit

import streamlit as st

from app_pages import i18n
from app_pages.common import data_dir
from app_pages.i18n import _
from geo.engine import citations
from geo.engine.timeline import Atlas
from geo.records.version import data_version

ATLAS_PAGE = "app_pages/atlas.py"
TREATIES_PAGE = "app_pages/treaties.py"
TIMELINE_PAGE = "app_pages/timeline.py"
REGIONS_PAGE = "app_pages/regions.py"
SOURCES_PAGE = "app_pages/sources.py"
FALLBACK_ORIGIN = "http://localhost:8501"


def app_origin() -> str:
    """Scheme and host the reader is using, so copied URLs work where they were copied from."""
    url = st.context.url or ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else FALLBACK_ORIGIN


def page_url(path: str, params: dict[str, str]) -> str:
    """Absolute URL of a page; ``path`` is a url path ("" for the Atlas at "/").

    Used for citations, so it names no interface language: a cited view is the same in all.
    """
    query = f"?{urlencode(params)}" if params else ""
    return f"{app_origin()}/{path}{query}"


def citation_block(item: citations.Citable, widget_key: str) -> None:
    """The plain-text citation ready to copy, plus BibTeX and CSL-JSON downloads."""
    st.caption(_("Cite this"))
    st.code(citations.as_text(item), language=None, wrap_lines=True)
    left, right = st.columns(2)
    stem = citations.bibtex_key(item.key)
    left.download_button(
        _("Download BibTeX"),
        citations.as_bibtex(item),
        file_name=f"{stem}.bib",
        mime="application/x-bibtex",
        key=f"{widget_key}-bib",
        icon=":material/download:",
    )
    right.download_button(
        _("Download CSL-JSON"),
        citations.as_csl_json(item),
        file_name=f"{stem}.json",
        mime="application/vnd.citationstyles.csl+json",
        key=f"{widget_key}-csl",
        icon=":material/download:",
    )


def atlas_link(day: date, region: str, label: str) -> None:
    """A link that opens the Atlas on ``day`` with ``region`` selected (region may be empty)."""
    params = {"date": day.isoformat()}
    if region:
        params["region"] = region
    st.page_link(ATLAS_PAGE, label=label, query_params=i18n.link_params(params),
                 icon=":material/map:")



def map_view_citation(atlas: Atlas, day: date, region: str | None) -> None:
    """The citation block for the map as shown: one call from the Atlas page."""
    params = {"date": day.isoformat()}
    if region:
        params["region"] = region
    unit = atlas.units.get(region or "")
    item = citations.map_view(
        day,
        page_url("", params),
        date.today(),
        region_name=unit.name_en if unit else "",
        region_id=unit.id if unit else "",
        data_version=data_version(data_dir()),
    )
    citation_block(item, "cite-map-view")
