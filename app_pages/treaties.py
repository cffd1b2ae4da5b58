"""Treaties & documents: the list of every document, and one document's view under ``?doc=<id>``.

Quotations are shown only as the documents' YAML gives them (each one checked verbatim against
its shared source by ``geo.records.documents.check_quotes``); everything else on the page is
labelled as our summary, so a reader can always tell source wording from ours.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from app_pages import reference_widgets as ui
from app_pages import routes
from app_pages.common import cited, data_dir, load_atlas, md, source_class_of, source_legend
from geo.engine import citations, dossiers
from geo.pipeline import texts
from geo.records.documents import Article, Document, TextSource
from geo.records.version import data_version

# Reading periods for the filter; each is [start, end) on the signing date.
PERIODS: dict[str, tuple[date, date]] = {
    "1878–1917: Russian Kars and Batum": (date(1878, 1, 1), date(1918, 1, 1)),
    "1918–1921: war, revolution and the new frontier": (date(1918, 1, 1), date(1922, 1, 1)),
    "1922–1944: Lausanne, Montreux and neutrality": (date(1922, 1, 1), date(1945, 1, 1)),
    "1945–1953: Soviet demands": (date(1945, 1, 1), date(1954, 1, 1)),
    "1954–1991: Cold War": (date(1954, 1, 1), date(1992, 1, 1)),
}


def period_of(doc: Document) -> str:
    signed = doc.dates.signed
    return next(
        (name for name, (lo, hi) in PERIODS.items() if signed and lo <= signed < hi), "undated"
    )


def _day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def show_dates(doc: Document) -> None:
    d = doc.dates
    signed, ratified, in_force = st.columns(3)
    signed.metric("Signed", _day(d.signed))
    ratified.metric("Ratified", _day(d.ratified))
    in_force.metric("In force", "never" if d.never_in_force else _day(d.in_force))
    if d.ratified:
        st.caption(md("Ratification date from: ") + f"<{d.ratified_source}>")
    if d.never_in_force:
        st.warning("This document never came into force.", icon=":material/block:")
    elif d.in_force is None:
        st.caption("No date of entry into force is given: see the note on the dates.")
    if d.note:
        st.caption("Note on the dates (ours): " + md(d.note))


def show_article(doc: Document, art: Article, regions: dict[str, str]) -> None:
    territorial = bool(art.regions)
    heading = f"Article {art.article}" + (f" — {art.title}" if art.title else "")
    with st.container(border=territorial):
        marker = ":material/location_on: " if territorial else ""
        st.markdown(f"### {marker}{md(heading)}")
        if territorial:
            names = ", ".join(regions.get(r, r) for r in art.regions)
            st.caption("Territorial article — concerns " + md(names))
        st.markdown("**Our summary:** " + md(art.summary))
        for quote in art.quotes:
            st.markdown("> " + md(quote.text))
            source = f"Quoted verbatim from `{quote.file}` (shared sources)"
            if quote.gloss:
                source += " — " + md(quote.gloss)
            if quote.note:
                source += " — " + md(quote.note)
            if quote.source_url:
                kind = source_class_of(quote.source_url)
                where = ("This passage was copied from a forum post" if kind == "forum-news"
                         else "This passage comes from")
                source += f" — **{where}:** {cited(quote.source_url)}"
            st.caption(source)
        if not art.quotes:
            st.caption("No wording of this article is available in the project's sources.")
        if territorial and art.show_on_map:
            ui.atlas_link(art.show_on_map, art.regions[0], f"Show on map ({art.show_on_map})")
            if art.show_on_map_note:
                st.caption("Why this date: " + md(art.show_on_map_note))


def show_full_text(doc: Document, text: TextSource) -> None:
    path = texts.text_path(doc, text, data_dir() / "texts")
    body = texts.read_body(path)
    if not body:
        st.caption(
            "The source is complete but its derived copy is missing "
            "(python -m geo.pipeline.texts)."
        )
        return
    licence = texts.read_header(path).get("licence", "")
    with st.expander(f"Full text ({text.language})", expanded=not doc.articles):
        st.caption(md(f"Edition: {text.edition}. Licence: {licence}"))
        for paragraph in body.split("\n\n"):
            st.markdown(md(paragraph))


def show_texts(doc: Document) -> None:
    st.header("Text and edition")
    if not doc.texts:
        st.info("No text of this document is held in the project's sources.")
    for text in doc.texts:
        st.markdown(
            f"- **{md(text.language)}** — {md(text.edition)} ({md(text.completeness)})"
        )
    for text in doc.texts:
        if text.completeness == "complete":
            show_full_text(doc, text)
    if all(t.completeness != "complete" for t in doc.texts):
        st.caption(
            "Every source text we hold for this document is partial, so no full text is shown: "
            "only the quotations under the articles below, each an exact extract."
        )


def show_document(atlas, doc: Document) -> None:
    st.page_link(routes.TREATIES.page, label="All documents", icon=":material/arrow_back:")
    st.title(doc.short_title or doc.title)
    st.caption(md(f"{doc.title} · {doc.kind}"))
    show_dates(doc)
    st.markdown("**Parties:** " + md("; ".join(doc.parties)))
    st.markdown("**Our summary:** " + md(doc.summary))
    if doc.context:
        st.markdown("**Context (our note):** " + md(doc.context))
    show_texts(doc)
    if doc.articles:
        st.header("Articles")
        names = {uid: u.name_en for uid, u in atlas.units.items()}
        ordered = sorted(doc.articles, key=lambda a: not a.regions)
        for art in ordered:
            show_article(doc, art, names)
    st.header("Sources")
    for url in doc.sources:
        st.markdown("- " + cited(url))
    st.caption(source_legend())
    item = citations.document(
        doc, routes.TREATIES.absolute_url(doc=doc.id), date.today(), data_version(data_dir())
    )
    ui.citation_block(item, f"cite-{doc.id}")


def show_list(atlas) -> None:
    st.title("Treaties & documents")
    st.caption(
        "Every treaty, note and record the atlas relies on, oldest first. Open one to see its "
        "dates, parties, our summary, the quoted articles and a citation."
    )
    docs = sorted(atlas.documents.values(), key=lambda d: d.sort_key)
    concerns = {d.id: dossiers.regions_of(atlas, d.id) for d in docs}
    parties = sorted({p for d in docs for p in d.parties})
    region_ids = sorted({r for rs in concerns.values() for r in rs})
    names = {uid: u.name_en for uid, u in atlas.units.items()}
    col_period, col_party, col_region = st.columns(3)
    periods = col_period.multiselect("Period", list(PERIODS), key="treaties-period")
    chosen_parties = col_party.multiselect("Party", parties, key="treaties-party")
    regions = col_region.multiselect(
        "Region", region_ids, format_func=lambda r: names.get(r, r), key="treaties-region"
    )
    shown = [
        d
        for d in docs
        if (not periods or period_of(d) in periods)
        and (not chosen_parties or set(chosen_parties) & set(d.parties))
        and (not regions or set(regions) & concerns[d.id])
    ]
    st.caption(f"{len(shown)} of {len(docs)} documents")
    for doc in shown:
        never = " · never in force" if doc.dates.never_in_force else ""
        st.page_link(
            routes.TREATIES.page,
            label=md(f"{_day(doc.dates.signed)} — {doc.short_title or doc.title}{never}"),
            query_params={"doc": doc.id},
        )


def render() -> None:
    atlas = load_atlas()
    doc_id = st.query_params.get("doc", "")
    if doc_id in atlas.documents:
        st.query_params["doc"] = doc_id  # page links do not always show it in the address bar
        show_document(atlas, atlas.documents[doc_id])
    else:
        if doc_id:
            st.warning("No document with that id; showing the list.")
        show_list(atlas)


render()
