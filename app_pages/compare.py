"""Compare two dates: two maps that pan and zoom together, and the list of what changed.

Both maps are ordinary st_folium maps with the same fixed base map, so they load the local
assets once and keep their view when a date changes; a small script on the app page (the
component iframes are same-origin) mirrors every move of one map onto the other.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from app_pages import i18n
from app_pages.common import (
    footer,
    load_atlas,
    long_date,
    md,
    page_script,
    state_layers,
)
from app_pages.i18n import _
from app_pages.params import clamp_date, date_param
from app_pages.tour_builder import seminar_base_map
from geo.engine import compare
from geo.records.model import RANGE_END, RANGE_START
from geo.web import mapview

DEFAULT_PAIR = compare.PRESETS["1914 vs 1922"]
MAP_HEIGHT = 480

SYNC_JS = """(function () {
  var doc = document;
  function maps() {
    var frames = doc.querySelectorAll(
      '.st-key-compare_maps iframe[title="streamlit_folium.st_folium"]');
    var out = [];
    frames.forEach(function (f) {
      try { if (f.contentWindow && f.contentWindow.map) { out.push(f.contentWindow.map); } }
      catch (e) { /* a frame that is still loading */ }
    });
    return out;
  }
  function link() {
    var all = maps();
    if (all.length < 2) { return; }
    all.forEach(function (m) {
      if (m.__atlasSynced) { return; }
      m.__atlasSynced = true;
      m.on('move', function () {
        if (m.__atlasFollowing) { return; }
        maps().forEach(function (other) {
          if (other === m) { return; }
          other.__atlasFollowing = true;
          other.setView(m.getCenter(), m.getZoom(), {animate: false});
          other.__atlasFollowing = false;
        });
      });
    });
  }
  window.setInterval(link, 400);
})();
"""


def param_date(name: str, default: date, notices: list[str]) -> date:
    """A date from the URL; anything unreadable falls back to the default pair, with a notice."""
    day, problems = date_param(name, st.query_params.get(name))
    notices.extend(problems)
    return day or default


def set_pair(a: date, b: date) -> None:
    st.query_params["a"] = a.isoformat()
    st.query_params["b"] = b.isoformat()


def on_date(name: str) -> None:
    value = st.session_state.get(f"w_cmp_{name}")
    if value is not None:
        st.query_params[name] = clamp_date(value).isoformat()


def one_map(atlas, layers: mapview.StateLayers, day: date, key: str) -> None:
    st.markdown(f"**{md(long_date(day))}**")
    st_folium(
        seminar_base_map(),
        key=key,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=layers.group(atlas.state_at(day)),
    )


def basis_label(atlas, doc_id: str, article: str, text: str) -> str:
    doc = atlas.documents.get(doc_id) if doc_id else None
    if doc is None:
        return text
    title = doc.short_title or doc.title
    return title + _(", art. {article}").format(article=article) if article else title


def region_name(atlas, diff: compare.Difference) -> str:
    """The changed unit's name in the interface language where the data has one."""
    unit = atlas.units.get(diff.unit)
    return i18n.place(unit) if unit else diff.name


def changes_table(atlas, diffs: list[compare.Difference]) -> pd.DataFrame:
    rows = [
        {
            _("Region"): region_name(atlas, d),
            _("Before"): f"{atlas.holder_name(d.before.holder, d.before.within)} "
            f"({i18n.term(d.before.status)})",
            _("After"): f"{atlas.holder_name(d.after.holder, d.after.within)} "
            f"({i18n.term(d.after.status)})",
            _("What changed"): ", ".join(i18n.term(f) for f in d.fields),
            _("Area (km²)"): round(d.area_km2),
            _("In force since"): d.changed_on.isoformat(),
            _("Basis"): basis_label(atlas, d.basis_doc, d.basis_article, d.basis_text),
            _("Changes in between"): d.steps,
        }
        for d in diffs
    ]
    return pd.DataFrame(rows)


def render() -> None:
    atlas = load_atlas()
    notices: list[str] = []
    a = param_date("a", DEFAULT_PAIR[0], notices)
    b = param_date("b", DEFAULT_PAIR[1], notices)
    set_pair(a, b)
    st.title(_("Compare two dates"))
    for notice in notices:
        st.info(md(notice))

    presets = st.columns(len(compare.PRESETS) + 2)
    for col, (label, pair) in zip(presets, compare.PRESETS.items(), strict=False):
        col.button(_("{first} vs {second}").format(first=pair[0].year, second=pair[1].year),
                   on_click=set_pair, args=pair, key=f"preset_{label}")
    st.session_state.w_cmp_a = a
    st.session_state.w_cmp_b = b
    presets[-2].date_input(_("First date"), key="w_cmp_a", min_value=RANGE_START,
                           max_value=RANGE_END, on_change=on_date, args=("a",),
                           format="YYYY-MM-DD")  # fmt: skip
    presets[-1].date_input(_("Second date"), key="w_cmp_b", min_value=RANGE_START,
                           max_value=RANGE_END, on_change=on_date, args=("b",),
                           format="YYYY-MM-DD")  # fmt: skip

    layers = state_layers(atlas)
    with st.container(key="compare_maps"):
        left, right = st.columns(2)
        with left:
            one_map(atlas, layers, a, "compare_map_a")
        with right:
            one_map(atlas, layers, b, "compare_map_b")
    page_script("atlas-compare-sync", SYNC_JS)
    st.caption(_("The two maps move together. Colours are those of the Atlas map."))

    diffs = compare.differences(atlas, a, b)
    st.header(i18n.ngettext(
        "{n} region changed between {first} and {second}",
        "{n} regions changed between {first} and {second}", len(diffs),
    ).format(n=len(diffs), first=long_date(a), second=long_date(b)))
    borderland = [d for d in diffs if d.kind in ("focus", "straits")]
    for d in borderland:
        st.markdown(
            f"- **{md(region_name(atlas, d))}**: "
            f"{md(atlas.holder_name(d.before.holder, d.before.within))} "
            f"({md(i18n.term(d.before.status))}) → "
            f"{md(atlas.holder_name(d.after.holder, d.after.within))} "
            f"({md(i18n.term(d.after.status))}), {md(i18n.number(d.area_km2))} km²; "
            f"{md(basis_label(atlas, d.basis_doc, d.basis_article, d.basis_text))}"
        )
    if diffs:
        st.markdown(_("**All regions that changed**, including the surrounding context"))
        st.dataframe(changes_table(atlas, diffs), hide_index=True, width="stretch")
        st.caption(_("Areas are measured on the drawn boundaries in an equal-area projection; "
                     "each region's drawing uncertainty is given on the Atlas page. The basis "
                     "is the act in force on the later date."))  # fmt: skip
        totals = compare.transfer_totals(diffs)
        if totals:
            st.markdown(_("**Land that changed hands**"))
            for before, after, km2 in totals:
                st.markdown(f"- {md(before)} → {md(after)}: {md(i18n.number(km2))} km²")
    claims = compare.claim_differences(atlas, a, b)
    if claims:
        st.markdown(_("**Claims that appeared or lapsed** (a claim never changes the holder)"))
        for c in claims:
            unit = atlas.units.get(c.unit)
            message = (_("{region}: {claimant} {kind} appears. {basis}") if c.appeared
                       else _("{region}: {claimant} {kind} lapses. {basis}"))
            st.markdown("- " + message.format(
                region=md(i18n.place(unit) if unit else c.name), claimant=md(c.claimant),
                kind=md(i18n.term(c.kind)), basis=md(c.basis_text)))
    footer()


render()
