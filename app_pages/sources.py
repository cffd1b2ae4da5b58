"""Sources: every data source with its licence, the documents' editions, and how each unit's
geometry was made and how far it may be off.

``data/SOURCES.md`` is the project's own Markdown and is rendered as such (Streamlit does not
render raw HTML in it); every other text on the page comes from data and is escaped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages import i18n, routes
from app_pages.common import data_dir, load_atlas, md, source_badge
from app_pages.data_downloads import show_downloads
from app_pages.i18n import N_, _
from geo.engine import search
from geo.engine.timeline import Atlas
from geo.pipeline import texts
from geo.records import aid, convention, source_classes
from geo.records.loaders import load_tables, read_geometries

HOW_MADE = N_("""
The map is assembled in three layers, each kept apart so that it can be checked on its own.

1. **Shapes.** Every region on the map is a *unit* with a fixed outline. The eight focus units
   (Kars, Kağızman, Ardahan, Oltu, Artvin, Iğdır, Batumi, Nakhchivan) and the Straits units are
   drawn to the historical district they stand for, mostly by merging modern administrative
   areas that roughly match it and cutting them along lines we traced from treaty descriptions
   and period maps. The neighbouring countries are drawn at their modern extent only, so
   changes inside them (for example Armenia's borders in 1918–1920) are not shown. Outlines are
   simplified for the web; each unit states how far its drawn edge may be from the real one.
2. **Time.** A hand-written chronology says, for each unit and each day from 13 July 1878 to
   26 December 1991, who held it, in what capacity and on what basis. Where sources disagree on
   a date we pick one, mark the row as approximate or disputed, and say why in its note.
3. **Documents.** Treaties and notes are summarised in our own words. Wording from them appears
   only as short quotations that an automatic check compares, character for character, with the
   source editions listed below; most of those editions are partial transcriptions.

The map is a teaching aid built from published secondary and primary sources, not a survey:
read the borders as approximations at the scale shown, and follow the links to the sources.
""")


@st.cache_data(show_spinner=False)
def geometry_properties(path: str) -> dict[str, dict]:
    """Properties the pipeline wrote for each unit (method, source units, lines used)."""
    features = read_geometries(data_dir() / path, [])
    return {uid: feature.get("properties") or {} for uid, feature in features.items()}


def sources_markdown() -> str:
    path = data_dir() / "SOURCES.md"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def show_document_texts(atlas: Atlas) -> None:
    st.header(_("Document texts and editions"))
    st.caption(_(
        "The editions each document is quoted from. The files sit in the project's shared "
        "reference folder and are not redistributed as they are: pages show short quotations, "
        "and the full text only where the source is complete (with its attribution below)."
    ))
    docs = sorted(atlas.documents.values(), key=lambda d: d.sort_key)
    for doc in docs:
        with st.expander(doc.short_title or doc.title):
            for text in doc.texts:
                st.markdown(
                    f"- `{md(text.file)}` — {md(text.language)}, "
                    f"{md(i18n.term(text.completeness))}: "
                    f"{md(text.edition)}"
                )
                derived = texts.text_path(doc, text, data_dir() / "texts")
                if derived.is_file():
                    licence = texts.read_header(derived).get("licence", "")
                    st.caption(md(_("Full text shipped as {file}. Licence: {licence}").format(
                        file=f"data/texts/{derived.name}", licence=licence)))
            st.markdown(_("Sources: {links}").format(links=md(" · ".join(doc.sources))))
            st.page_link(
                routes.TREATIES.page,
                label=_("Open the document"),
                query_params=i18n.link_params({"doc": doc.id}),
                icon=":material/description:",
            )


def show_geometry_methods(atlas: Atlas) -> None:
    st.header(_("How each unit was drawn"))
    props = geometry_properties("units.geojson")
    rows = []
    for unit in sorted(atlas.units.values(), key=lambda u: (u.kind, u.id)):
        p = props.get(unit.id, {})
        rows.append(
            {
                _("Unit"): i18n.place(unit),
                _("Kind"): i18n.term(unit.kind),
                _("Drawn as"): i18n.term(unit.resolution),
                _("Uncertainty (km)"): unit.uncertainty_km,
                _("Method"): p.get("method", _("not built yet")),
                _("Built from"): ", ".join(map(str, p.get("source_units", []))),
                _("Lines used"): ", ".join(map(str, p.get("lines", []))),
                _("Sources"): " | ".join(unit.sources),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(_(
        "Uncertainty is our estimate of how far the drawn boundary may lie from the historical "
        "one. Units drawn as modern outline show today's extent only. Methods are described in "
        "English."
    ))


@st.cache_data(show_spinner=False)
def class_counts(folder: str) -> dict[str, int]:
    """Facts by the strongest class they cite (cached: it reads every table once)."""
    path = Path(folder)
    classes = source_classes.load_source_classes(path)
    return dict(source_classes.fact_counts(load_tables(path), classes, path))


def show_source_classes() -> None:
    st.header(_("How strong is each source?"))
    st.markdown(_(
        "Every URL the data cites has a class, shown as a badge wherever the source is listed. "
        "A fact (a period of the chronology, a claim, an event or an aid figure) is as strong as "
        "the strongest source it cites."
    ))
    for name, label in source_classes.CLASSES.items():
        st.markdown(f"- {source_badge(name)} {md(_(label))}: "
                    f"{md(_(source_classes.CLASS_HELP[name]))}")
    counts = class_counts(str(data_dir()))
    weak = sum(counts.get(name, 0) for name in source_classes.WEAK)
    st.dataframe(
        pd.DataFrame(
            {
                _("Strongest source class"): [_(label) for label in
                                              source_classes.CLASSES.values()],
                _("Facts"): [counts.get(name, 0) for name in source_classes.CLASSES],
            }
        ),
        hide_index=True,
    )
    total = sum(counts.values())
    st.caption(md(i18n.ngettext(
        "{weak} of {total} fact rests only on secondary web pages, forum posts or news items.",
        "{weak} of {total} facts rest only on secondary web pages, forum posts or news items.",
        total).format(weak=weak, total=total)))
    records = source_classes.load_source_classes(data_dir())
    with st.expander(i18n.ngettext("All {n} cited source by class",
                                   "All {n} cited sources by class", len(records))
                     .format(n=len(records))):
        st.dataframe(
            pd.DataFrame(
                {
                    _("Source"): list(records),
                    _("Class"): [_(r.label) for r in records.values()],
                    _("Note (ours)"): [r.note for r in records.values()],
                }
            ),
            hide_index=True,
            width="stretch",
        )


def show_small_tables() -> None:
    st.header(_("Other project tables"))
    items = aid.load_aid()
    st.markdown(_("**Soviet aid 1920–1922** (timeline page): {sources}").format(
        sources=md(f"{aid.SEED_TITLE} — "
                   + " · ".join(sorted({s for i in items for s in i.sources})))))
    aliases = search.load_aliases()
    st.markdown(_("**Search aliases** (extra spellings for search): {sources}").format(
        sources=md(" · ".join(sorted({s for a in aliases for s in a.sources.split(" | ")})))))


def render() -> None:
    atlas = load_atlas()
    st.title(_("Sources"))
    with st.container(border=True):
        st.header(_("How this map was made"))
        st.markdown(_(HOW_MADE))
    with st.expander(_("Legal-status convention: what sovereign, occupied and the rest mean "
                       "here")):
        st.markdown(convention.convention_markdown())
    if i18n.current() != i18n.DEFAULT:
        st.caption(_("The convention above and the list of sources and licences below are "
                     "kept in English."))
    st.markdown(sources_markdown())
    show_source_classes()
    show_document_texts(atlas)
    show_geometry_methods(atlas)
    show_small_tables()
    show_downloads()


render()
