"""The Atlas page's region panel: what the chosen region was on the chosen day, and why.

Split from ``atlas.py`` so the page module keeps the map and the time controls, and this one
the text a reader of one region sees: holder, status, legal basis with its verbatim quotations,
claims, the region's whole history, and the table of all regions (the map's text alternative).
Like every page module it only formats what ``geo.engine.timeline`` computed.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from app_pages import i18n, routes
from app_pages.common import cited, long_date, md, set_region, source_legend
from app_pages.i18n import _
from geo.engine.timeline import Atlas
from geo.records.convention import reading_note
from geo.records.model import RANGE_END, Period, kind_rank

NO_REGION = ""


def region_options(atlas: Atlas) -> list[str]:
    ordered = sorted(
        atlas.units.values(), key=lambda u: (kind_rank(u.kind), i18n.place(u).lower())
    )
    return [NO_REGION, *(unit.id for unit in ordered)]


def on_region() -> None:
    set_region(st.session_state.w_region or None)


def period_span(period: Period) -> str:
    last = period.end - timedelta(days=1) if period.end else None
    end = long_date(last) if last else _("beyond {year}").format(year=RANGE_END.year)
    return f"{long_date(period.start)} – {end}"


def basis_block(atlas: Atlas, doc_id: str, article_no: str, basis_text: str) -> None:
    st.markdown(_("**Legal basis:** {text}").format(text=md(basis_text)))
    if not doc_id:
        st.caption(_("No document: the change rested on force or local rule."))
        return
    doc = atlas.documents.get(doc_id)
    title = doc.title if doc else doc_id
    article_label = _(", article {article}").format(article=md(article_no)) if article_no else ""
    st.markdown(_("**Document:** {link}").format(
        link=f"[{md(title)}]({routes.TREATIES.href(doc=doc_id)})") + article_label)
    article = doc.article(article_no) if doc and article_no else None
    if article is None:
        return
    st.markdown(_("*Summary (our words):* {text}").format(text=md(article.summary)))
    editions = {text.file: text for text in doc.texts}
    for quote in article.quotes:
        edition = editions.get(quote.file)
        source = f"{edition.edition} ({edition.language})" if edition else quote.file
        st.markdown(f"> {md(quote.text)}")
        st.caption(_("Verbatim, {document}; {edition}").format(
            document=md(doc.short_title or doc.title) + article_label, edition=md(source)))
        if quote.gloss:
            st.caption(md(quote.gloss))  # the gloss labels itself ("Our summary — …")


def region_panel(atlas: Atlas, state, region: str | None) -> None:
    options = region_options(atlas)
    if st.session_state.get("w_region") != (region or NO_REGION):
        st.session_state.w_region = region or NO_REGION
    st.selectbox(
        _("Region"), options, key="w_region", on_change=on_region,
        format_func=lambda uid: _("— choose a region (or click the map) —") if uid == NO_REGION
        else i18n.place(atlas.units[uid]),
    )
    if not region:
        st.caption(_("Click a region on the map or choose it above. Click the sea to clear."))
        return
    unit = atlas.units[region]
    unit_state = state.units.get(region)
    st.header(i18n.place(unit), anchor=False)  # h2: the page heading (the date) is the h1
    local = [f"{md(name)} ({md(lang)})" for lang, name in sorted(unit.names.items()) if name]
    if local:
        st.markdown(_("Local names: {names}").format(names=", ".join(local)))
    if unit.alt_names:
        st.caption(_("Also written: {names}").format(
            names=", ".join(md(n) for n in unit.alt_names)))
    if unit.historical_unit:
        st.caption(_("Stands for: {unit}").format(unit=md(unit.historical_unit)))
    if unit.resolution == "modern-outline":
        st.info(_("Context area drawn at its modern outline; changes inside it are not drawn."))
    if unit_state is None:
        st.warning(_("No record for this region on this date."))
        return
    period = unit_state.period
    lines = [
        _("**Held by:** {holder}").format(
            holder=md(atlas.holder_name(period.holder, period.within))),
        _("**Status:** {status}").format(
            status=md(i18n.status_label(period.status, period.regime))),
        _("**Period:** {span}").format(span=md(period_span(period))),
    ]
    if period.certainty != "firm":
        lines.append(_("**Certainty:** {certainty}").format(
            certainty=md(i18n.term(period.certainty))))
    st.markdown("  \n".join(lines))
    if period.start_range:
        lo, hi = period.start_range
        st.caption(_("Sources disagree on the start: between {first} and {last}.").format(
            first=md(long_date(lo)), last=md(long_date(hi))))
    basis_block(atlas, period.basis_doc, period.basis_article, period.basis_text)
    if convention_note := reading_note(period, atlas.documents.get(period.basis_doc)):
        st.caption(md(convention_note) + " "
                   + _("See the legal-status convention on the Sources page."))
    if period.note:
        st.caption(_("Note: {note}").format(note=md(period.note)))
    if period.sources:
        st.caption(_("Sources: {links}").format(links=" · ".join(
            cited(u) for u in period.sources if u.startswith(("http://", "https://")))))
        st.caption(source_legend())
    if unit_state.claims:
        st.markdown(_("**Claims on this day**"))
        for claim in unit_state.claims:
            force = _("in force") if claim.in_force else _("not in force")
            doc = atlas.documents.get(claim.basis_doc) if claim.basis_doc else None
            link = ""
            if doc:
                title = md(doc.short_title or doc.title)
                link = f" — [{title}]({routes.TREATIES.href(doc=doc.id)})"
            extent = " " + _("*Extent inferred: the text does not name this area.*") if (
                claim.extent_inferred) else ""
            st.markdown(
                f"- {md(atlas.holder_name(claim.claimant, claim.within))}: "
                f"{md(i18n.term(claim.kind))} ({force}). {md(claim.basis_text)}{link}"
                f"{extent}"
            )
    history_table(atlas, region, period)


def history_table(atlas: Atlas, region: str, current: Period) -> None:
    """Every period of the region as one Markdown table (a real HTML table for screen readers),
    the current one marked "▶" in its own column: one element, no dataframe to serialise on
    every date step."""
    header = [_("Now"), _("From"), _("Until"), _("Held by"), _("Status")]
    rows = [
        [
            "▶" if p == current else "",
            p.start.isoformat(),
            (p.end - timedelta(days=1)).isoformat() if p.end else "",
            md(atlas.holder_name(p.holder, p.within)),
            md(i18n.status_label(p.status, p.regime)),
        ]
        for p in atlas.history(region)
    ]
    lines = [_("**Whole history**"), "", "| " + " | ".join(header) + " |",
             "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    st.markdown("\n".join(lines))


def units_table(atlas: Atlas, state) -> None:
    rows = []
    for uid, unit_state in state.units.items():
        unit = atlas.units.get(uid)
        if unit is None:
            continue
        period = unit_state.period
        doc = atlas.documents.get(period.basis_doc) if period.basis_doc else None
        basis = (doc.short_title or doc.title) if doc else period.basis_text
        if doc and period.basis_article:
            basis += _(", art. {article}").format(article=period.basis_article)
        rows.append({
            _("Region"): i18n.place(unit),
            _("Kind"): i18n.term(unit.kind),
            _("Held by"): atlas.holder_name(period.holder, period.within),
            _("Status"): i18n.status_label(period.status, period.regime),
            _("Since"): period.start.isoformat(),
            _("Basis"): basis,
            _("Source"): period.sources[0] if period.sources else "",
            "_order": (kind_rank(unit.kind), i18n.place(unit).lower()),
        })
    rows.sort(key=lambda r: r["_order"])
    frame = pd.DataFrame(rows).drop(columns="_order") if rows else pd.DataFrame()
    st.dataframe(
        frame, hide_index=True, width="stretch",
        column_config={_("Source"): st.column_config.LinkColumn(_("Source"))},
    )
