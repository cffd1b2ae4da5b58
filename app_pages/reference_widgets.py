"""Widgets shared by the reference pages (treaties, timeline, regions, sources).

Data text reaches Markdown only through ``app_pages.common.md``, so a stray ``*``, ``$`` or ``<``
in a treaty quotation is shown as written instead of being read as formatting.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from app_pages import i18n, routes
from app_pages.common import data_dir
from app_pages.i18n import _
from geo.engine import citations
from geo.engine.timeline import Atlas
from geo.records.version import data_version

CITE_TOGGLE = "w_cite"  # the Atlas reruns on every settled date while it is on


def citation_block(item: citations.Citable, widget_key: str, heading: bool = True) -> None:
    """The plain-text citation ready to copy, plus BibTeX and CSL-JSON downloads."""
    if heading:
        st.caption(_("Cite this"))
    st.code(citations.as_text(item), language=None, wrap_lines=True)
    row = st.container(horizontal=True, gap="small")  # one block, not three (columns)
    stem = citations.bibtex_key(item.key)
    row.download_button(
        _("Download BibTeX"),
        citations.as_bibtex(item),
        file_name=f"{stem}.bib",
        mime="application/x-bibtex",
        key=f"{widget_key}-bib",
        icon=":material/download:",
    )
    row.download_button(
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
    st.page_link(routes.ATLAS.page, label=label, query_params=i18n.link_params(params),
                 icon=":material/map:")



def map_view_citation(atlas: Atlas, day: date, region: str | None) -> None:
    """The citation block for the map as shown, behind a toggle: one call from the Atlas page.

    A toggle, so the block is built only on request: its copyable text is an ``st.code``
    element, whose browser code (a 1.5 MB syntax highlighter) took about 0.6 s of the first
    visit's main thread before the map frame could even start loading.
    """
    if not st.toggle(_("Cite this"), key=CITE_TOGGLE):
        return
    params = {"date": day.isoformat()}
    if region:
        params["region"] = region
    unit = atlas.units.get(region or "")
    item = citations.map_view(
        day,
        routes.ATLAS.absolute_url(**params),
        date.today(),
        region_name=unit.name_en if unit else "",
        region_id=unit.id if unit else "",
        data_version=data_version(data_dir()),
    )
    citation_block(item, "cite-map-view", heading=False)
