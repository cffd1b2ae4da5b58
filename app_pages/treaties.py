"""Treaties & documents: the list of every document, and one document's view under ``?doc=<id>``.

Quotations are shown only as the documents' YAML gives them (each one checked verbatim against
its shared source by ``geo.records.documents.check_quotes``); everything else on the page is
labelled as our summary, so a reader can always tell source wording from ours.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from app_pages import i18n, routes
from app_pages import reference_widgets as ui
from app_pages.common import cited, data_dir, load_atlas, md, source_class_of, source_legend
from app_pages.i18n import N_, _
from geo.engine import citations, dossiers
from geo.pipeline import texts
from geo.records.documents import Article, Document, TextSource
from geo.records.version import data_version

# Reading periods for the filter; each is [start, end) on the signing date.
PERIODS: dict[str, tuple[date, date]] = {
    N_("1878–1917: Russian Kars and Batum"): (date(1878, 1, 1), date(1918, 1, 1)),
    N_("1918–1921: war, revolution and the new frontier"): (date(1918, 1, 1), date(1922, 1, 1)),
    N_("1922–1944: Lausanne, Montreux and neutrality"): (date(1922, 1, 1), date(1945, 1, 1)),
    N_("1945–1953: Soviet demands"): (date(1945, 1, 1), date(1954, 1, 1)),
    N_("1954–1991: Cold War"): (date(1954, 1, 1), date(1992, 1, 1)),
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
    signed.metric(_("Signed"), _day(d.signed))
    ratified.metric(_("Ratified"), _day(d.ratified))
    in_force.metric(_("In force"), _("never") if d.never_in_force else _day(d.in_force))
    if d.ratified:
        st.caption(_("Ratification date from: {link}").format(link=f"<{d.ratified_source}>"))
    if d.never_in_force:
        st.warning(_("This document never came into force."), icon=":material/block:")
    elif d.in_force is None:
        st.caption(_("No date of entry into force is given: see the note on the dates."))
    if d.note:
        st.caption(_("Note on the dates (ours): {note}").format(note=md(d.note)))


def show_article(doc: Document, art: Article, regions: dict[str, str]) -> None:
    territorial = bool(art.regions)
    heading = _("Article {article}").format(article=art.article) + (
        f" — {art.title}" if art.title else "")
    with st.container(border=territorial):
        marker = ":material/location_on: " if territorial else ""
        st.markdown(f"### {marker}{md(heading)}")
        if territorial:
            names = ", ".join(regions.get(r, r) for r in art.regions)
            st.caption(_("Territorial article — concerns {regions}").format(regions=md(names)))
        st.markdown(_("**Our summary:** {text}").format(text=md(art.summary)))
        for quote in art.quotes:
            st.markdown("> " + md(quote.text))
            source = _("Quoted verbatim from {file} (shared sources)").format(
                file=f"`{quote.file}`")
            if quote.gloss:
                source += " — " + md(quote.gloss)
            if quote.note:
                source += " — " + md(quote.note)
            if quote.source_url:
                kind = source_class_of(quote.source_url)
                where = (_("**This passage was copied from a forum post:** {link}")
                         if kind == "forum-news" else _("**This passage comes from:** {link}"))
                source += " — " + where.format(link=cited(quote.source_url))
            st.caption(source)
        if not art.quotes:
            st.caption(_("No wording of this article is available in the project's sources."))
        if territorial and art.show_on_map:
            ui.atlas_link(art.show_on_map, art.regions[0], _("Show on map ({date})").format(
                date=art.show_on_map.isoformat()))
            if art.show_on_map_note:
                st.caption(_("Why this date: {note}").format(note=md(art.show_on_map_note)))


def show_full_text(doc: Document, text: TextSource) -> None:
    path = texts.text_path(doc, text, data_dir() / "texts")
    body = texts.read_body(path)
    if not body:
        st.caption(_(
            "The source is complete but its derived copy is missing "
            "(python -m geo.pipeline.texts)."
        ))
        return
    licence = texts.read_header(path).get("licence", "")
    with st.expander(_("Full text ({language})").format(language=text.language),
                     expanded=not doc.articles):
        st.caption(md(_("Edition: {edition}. Licence: {licence}").format(
            edition=text.edition, licence=licence)))
        for paragraph in body.split("\n\n"):
            st.markdown(md(paragraph))


def show_texts(doc: Document) -> None:
    st.header(_("Text and edition"))
    if not doc.texts:
        st.info(_("No text of this document is held in the project's sources."))
    for text in doc.texts:
        st.markdown(
            f"- **{md(text.language)}** — {md(text.edition)} ({md(i18n.term(text.completeness))})"
        )
    for text in doc.texts:
        if text.completeness == "complete":
            show_full_text(doc, text)
    if all(t.completeness != "complete" for t in doc.texts):
        st.caption(_(
            "Every source text we hold for this document is partial, so no full text is shown: "
            "only the quotations under the articles below, each an exact extract."
        ))


def show_document(atlas, doc: Document) -> None:
    st.page_link(routes.TREATIES.page, label=_("All documents"), icon=":material/arrow_back:",
                 query_params=i18n.link_params())
    st.title(doc.short_title or doc.title)
    st.caption(md(f"{doc.title} · {i18n.term(doc.kind)}"))
    show_dates(doc)
    st.markdown(_("**Parties:** {parties}").format(parties=md("; ".join(doc.parties))))
    st.markdown(_("**Our summary:** {text}").format(text=md(doc.summary)))
    if doc.context:
        st.markdown(_("**Context (our note):** {text}").format(text=md(doc.context)))
    show_texts(doc)
    if doc.articles:
        st.header(_("Articles"))
        names = {uid: i18n.place(u) for uid, u in atlas.units.items()}
        ordered = sorted(doc.articles, key=lambda a: not a.regions)
        for art in ordered:
            show_article(doc, art, names)
    st.header(_("Sources"))
    for url in doc.sources:
        st.markdown("- " + cited(url))
    st.caption(source_legend())
    item = citations.document(
        doc, routes.TREATIES.absolute_url(doc=doc.id), date.today(), data_version(data_dir())
    )
    ui.citation_block(item, f"cite-{doc.id}")


def show_list(atlas) -> None:
    st.title(_("Treaties & documents"))
    st.caption(_(
        "Every treaty, note and record the atlas relies on, oldest first. Open one to see its "
        "dates, parties, our summary, the quoted articles and a citation."
    ))
    docs = sorted(atlas.documents.values(), key=lambda d: d.sort_key)
    concerns = {d.id: dossiers.regions_of(atlas, d.id) for d in docs}
    parties = sorted({p for d in docs for p in d.parties})
    region_ids = sorted({r for rs in concerns.values() for r in rs})
    names = {uid: i18n.place(u) for uid, u in atlas.units.items()}
    col_period, col_party, col_region = st.columns(3)
    periods = col_period.multiselect(_("Period"), list(PERIODS), format_func=_,
                                     key="treaties-period")
    chosen_parties = col_party.multiselect(_("Party"), parties, key="treaties-party")
    regions = col_region.multiselect(
        _("Region"), region_ids, format_func=lambda r: names.get(r, r), key="treaties-region"
    )
    shown = [
        d
        for d in docs
        if (not periods or period_of(d) in periods)
        and (not chosen_parties or set(chosen_parties) & set(d.parties))
        and (not regions or set(regions) & concerns[d.id])
    ]
    st.caption(i18n.ngettext("{shown} of {total} document", "{shown} of {total} documents",
                             len(docs)).format(shown=len(shown), total=len(docs)))
    for doc in shown:
        never = " · " + _("never in force") if doc.dates.never_in_force else ""
        st.page_link(
            routes.TREATIES.page,
            label=md(f"{_day(doc.dates.signed)} — {doc.short_title or doc.title}{never}"),
            query_params=i18n.link_params({"doc": doc.id}),
        )


def render() -> None:
    atlas = load_atlas()
    doc_id = st.query_params.get("doc", "")
    if doc_id in atlas.documents:
        st.query_params["doc"] = doc_id  # page links do not always show it in the address bar
        show_document(atlas, atlas.documents[doc_id])
    else:
        if doc_id:
            st.warning(_("No document with that id; showing the list."))
        show_list(atlas)


render()
