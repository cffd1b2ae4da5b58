"""Region dossiers: one section per focus region and one for the Straits (``?region=<id>``).

Each dossier gives every period of control with its basis, a small map of the neighbourhood at
each change, the documents that concern the region and its names in the local languages. The
small maps are SVG drawn by ``geo.web.minimaps`` from numbers only.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from app_pages import i18n, routes
from app_pages import reference_widgets as ui
from app_pages.common import load_atlas, long_date, md
from app_pages.i18n import _
from geo.engine import dossiers, search
from geo.engine.timeline import Atlas
from geo.records.model import RANGE_END, Unit
from geo.web import minimaps
from geo.web.mapview import holder_colour

STRAITS = "straits"
MAPS_PER_ROW = 4
SECTION_KEY = "regions-section"
PARAM_KEY = "regions-last-param"


def sections(atlas: Atlas) -> dict[str, str]:
    """Section id → title: the focus regions, then the Straits as one section."""
    found = {u.id: i18n.place(u) for u in dossiers.dossier_units(atlas) if u.kind == "focus"}
    if any(u.kind == "straits" for u in atlas.units.values()):
        found[STRAITS] = _("The Turkish Straits")
    return found


def section_of(atlas: Atlas, region: str | None) -> str | None:
    unit = atlas.units.get(region or "")
    if region == STRAITS or (unit and unit.kind == "straits"):
        return STRAITS
    return region if unit and unit.kind == "focus" else None


def periods_table(atlas: Atlas, units: list[Unit]) -> pd.DataFrame:
    rows = []
    for unit in units:
        for p in atlas.history(unit.id):
            doc = atlas.documents.get(p.basis_doc)
            basis = p.basis_text
            if doc:
                article = (_(", art. {article}").format(article=p.basis_article)
                           if p.basis_article else "")
                basis += f" [{doc.short_title}{article}]"
            rows.append(
                {
                    _("Unit"): i18n.place(unit),
                    _("From"): p.start.isoformat(),
                    _("Until"): p.end.isoformat() if p.end
                    else _("beyond {year}").format(year=RANGE_END.year),
                    _("Holder"): atlas.holder_name(p.holder, p.within),
                    _("Status"): i18n.status_label(p.status, p.regime),
                    _("Basis"): basis,
                    _("Certainty"): i18n.term(p.certainty),
                    _("Note (ours)"): p.note,
                }
            )
    frame = pd.DataFrame(rows)
    return frame if len(units) > 1 else frame.drop(columns=_("Unit"))


@st.cache_data(show_spinner=False, max_entries=256)
def minimap(
    outlined: tuple[str, ...], day: date, bounds: minimaps.Bounds, label: str, atlas_id: int
) -> str:
    """SVG of the neighbourhood on ``day``; ``atlas_id`` ties the cache to the loaded data."""
    atlas = load_atlas()
    state = atlas.state_at(day)
    fills = {
        uid: holder_colour(us.period.holder, atlas.holders) for uid, us in state.units.items()
    }
    return minimaps.minimap_svg(atlas.geometries, fills, outlined, bounds, label=label)


def minimap_label(day: date, holders: list[str], units: list[Unit]) -> str:
    """The small map in words, for screen readers: what the outline and the colours show."""
    names = ", ".join(i18n.place(u) for u in units)
    return _("Map of {regions} (outlined) and its neighbours on {date}; held by {holders}.").format(
        regions=names, date=long_date(day), holders="; ".join(holders))


def show_small_multiples(atlas: Atlas, units: list[Unit], focus: str, bounds) -> None:
    days = sorted({d for u in units for d in dossiers.change_days(atlas, u.id)})
    st.subheader(_("At each change"))
    if not atlas.geometries:
        st.info(_("The unit geometries are not built yet, so no small maps can be drawn."))
        return
    st.caption(_(
        "Each small map shows the region (outlined) and its neighbours in their holders' "
        "colours on the first day of a new period. Open one in the Atlas for the legend."
    ))
    outlined = tuple(u.id for u in units)
    for start in range(0, len(days), MAPS_PER_ROW):
        columns = st.columns(MAPS_PER_ROW)
        for column, day in zip(columns, days[start : start + MAPS_PER_ROW], strict=False):
            with column:
                holders = sorted(
                    {
                        atlas.holder_name(us.period.holder, us.period.within)
                        for uid, us in atlas.state_at(day).units.items()
                        if uid in outlined
                    }
                )
                label = minimap_label(day, holders, units)
                st.image(minimap(outlined, day, bounds, label, id(atlas)), width="stretch",
                         alt=label)  # fmt: skip
                st.caption(md(f"{long_date(day)}: " + "; ".join(holders)))
                ui.atlas_link(day, focus, _("Open in the Atlas"))


def combined_bounds(atlas: Atlas, units: list[Unit]) -> minimaps.Bounds | None:
    frames = [minimaps.frame(atlas.geometries[u.id]) for u in units if u.id in atlas.geometries]
    if not frames:
        return None
    return (
        min(f[0] for f in frames),
        min(f[1] for f in frames),
        max(f[2] for f in frames),
        max(f[3] for f in frames),
    )


def show_names(units: list[Unit]) -> None:
    st.subheader(_("Names"))
    aliases = search.load_aliases()
    rows = [
        {_("Unit"): i18n.place(u), _("Language"): lang, _("Name"): name}
        for u in units
        for lang, name in dossiers.local_names(u, aliases)
    ]
    frame = pd.DataFrame(rows)
    st.dataframe(
        frame if len(units) > 1 else frame.drop(columns=_("Unit")),
        hide_index=True,
        width="stretch",
    )
    spellings = [f"{u.name_en}: {', '.join(u.alt_names)}" for u in units if u.alt_names]
    if spellings:
        st.caption(_("Other spellings — {names}").format(names=md(" · ".join(spellings))))


def show_documents(atlas: Atlas, units: list[Unit]) -> None:
    st.subheader(_("Documents"))
    docs = {d.id: d for u in units for d in dossiers.documents_for(atlas, u.id)}
    if not docs:
        st.caption(_("No document in the atlas concerns this region."))
    for doc in sorted(docs.values(), key=lambda d: d.sort_key):
        signed = doc.dates.signed.isoformat() if doc.dates.signed else _("undated")
        never = " · " + _("never in force") if doc.dates.never_in_force else ""
        st.page_link(
            routes.TREATIES.page,
            label=md(f"{signed} — {doc.short_title}{never}"),
            query_params=i18n.link_params({"doc": doc.id}),
            icon=":material/description:",
        )


def show_section(atlas: Atlas, section: str, title: str) -> None:
    if section == STRAITS:
        units = [u for u in dossiers.dossier_units(atlas) if u.kind == "straits"]
        focus = ""
    else:
        units = [atlas.units[section]]
        focus = section
    st.header(title)
    for unit in units if focus else []:
        st.markdown(_("**Historical unit:** {unit}").format(unit=md(unit.historical_unit)))
        st.markdown(_("**Today:** {place}").format(place=md(unit.modern_equivalent)))
        st.caption(md(_(
            "Drawn as {resolution}; the drawn boundary may be up to about {km} km from the "
            "historical one."
        ).format(resolution=i18n.term(unit.resolution),
                 km=i18n.number(unit.uncertainty_km, 2))))
    show_names(units)
    st.subheader(_("Periods of control"))
    st.dataframe(periods_table(atlas, units), hide_index=True, width="stretch")
    bounds = combined_bounds(atlas, units)
    if bounds:
        show_small_multiples(atlas, units, focus, bounds)
    show_documents(atlas, units)


def render() -> None:
    atlas = load_atlas()
    st.title(_("Region dossiers"))
    titles = sections(atlas)
    param = st.query_params.get("region")
    if param and section_of(atlas, param) is None:
        st.info(md(_("Ignored region={value}: there is no dossier of that name.")
                   .format(value=repr(param))))
    # The URL wins when it changed since the last run (a link or a search result was followed);
    # otherwise the select box does, and the URL follows it.
    if SECTION_KEY not in st.session_state or param != st.session_state.get(PARAM_KEY):
        st.session_state[SECTION_KEY] = (
            section_of(atlas, param) or st.session_state.get(SECTION_KEY) or next(iter(titles))
        )
    section = st.selectbox(_("Region"), list(titles), format_func=titles.get, key=SECTION_KEY)
    if section_of(atlas, param) != section:
        param = section
        st.query_params["region"] = section
    st.session_state[PARAM_KEY] = param
    show_section(atlas, section, titles[section])


render()
