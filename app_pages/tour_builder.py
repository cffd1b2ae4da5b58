"""The lecturer's own tour, kept in the browser session, and the seminar widgets of the Atlas.

Imported by the tour pages and by the Atlas page ("add this view as a scene", exports); it
renders nothing on import. The tour lives only in session state until it is downloaded as a
YAML file, which the Tours page can upload again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import folium
import streamlit as st

from app_pages import i18n
from app_pages.common import load_atlas, map_assets
from app_pages.i18n import _, ngettext
from geo.records.tours import (
    LAYERS,
    Bounds,
    Tour,
    TourError,
    append_scene,
    check_against_history,
    frame_regions,
    load_tours,
    loads,
    scene_from_view,
)
from geo.web import exports, mapview

USER_TOUR = "seminar_user_tour"
USER_TOUR_ID = "my-tour"


def seminar_base_map() -> folium.Map:
    """The Atlas base map (local assets, vector basemap, fullscreen control), without labels.

    It is the same on every run, so st_folium keeps its iframe while scenes or dates change.
    """
    urls, leaflet_js, leaflet_css = map_assets()
    return mapview.build_base_map(urls, [], leaflet_js, leaflet_css,
                                  words=i18n.map_words(i18n.current()))


def overlay_group(layers: mapview.StateLayers, state: Any, selected: str | None,
                  overlays: tuple[str, ...]) -> folium.FeatureGroup:  # fmt: skip
    """The scene's layer: a scene decides which overlays (``claims``, ``regimes``) it shows."""
    return layers.group(state, selected, overlays)


@st.cache_resource
def shipped_tours() -> dict[str, Tour]:
    """The tours in ``data/tours/``, read once per server process (the Tours and Tour pages)."""
    return load_tours()


def user_tour() -> Tour | None:
    return st.session_state.get(USER_TOUR)


def set_user_tour(tour: Tour | None) -> None:
    st.session_state[USER_TOUR] = tour


def _empty_tour() -> Tour:
    return Tour(id=USER_TOUR_ID, title=_("My tour"), summary="", scenes=())


def _add(day: date, regions: tuple[str, ...], bounds: Bounds | None) -> None:
    scene = scene_from_view(load_atlas(), day, bounds=bounds, regions=regions, layers=LAYERS)
    set_user_tour(append_scene(user_tour() or _empty_tour(), scene))


def add_scene_button(day: date, regions: list[str] | tuple[str, ...] = (),
                     bounds: Bounds | None = None) -> None:  # fmt: skip
    """"Add this view as a scene": one button for the Atlas page's side panel.

    Without ``bounds`` the scene frames the selected regions (or the whole map area); the
    lecturer can refine the caption and order on the Tours page.
    """
    st.button(
        _("➕ Add this view as a tour scene"),
        key="seminar_add_scene",
        on_click=_add,
        args=(day, tuple(r for r in regions if r), bounds),
        help=_("Collect scenes for a seminar; edit, reorder and download them on the Tours "
               "page"),
    )
    tour = user_tour()
    if tour and tour.scenes:
        st.caption(ngettext("Your tour has {n} scene; see the Tours page.",
                            "Your tour has {n} scenes; see the Tours page.",
                            len(tour.scenes)).format(n=len(tour.scenes)))


def load_uploaded(text: str) -> tuple[bool, list[str]]:
    """Install an uploaded tour as the user's tour unless it names unknown regions/documents.

    Returns (installed, problems); a scene whose declared holder disagrees with the data is
    reported but does not block the upload, since the lecturer may want to fix it here.
    """
    try:
        tour = loads(text)
    except TourError as exc:
        return False, str(exc).splitlines()
    problems = check_against_history(tour, load_atlas())
    if any("unknown" in p for p in problems):
        return False, problems
    set_user_tour(tour)
    return True, problems


def export_buttons(day: date, regions: list[str] | tuple[str, ...] = ()) -> None:
    """Downloads of the current view: offline HTML map, GeoJSON of the day, chronology CSV.

    The files are generated only when clicked (deferred download data), so showing the buttons
    costs nothing on each rerun.
    """
    atlas = load_atlas()
    chosen = tuple(r for r in regions if r)
    bounds = frame_regions(atlas.geometries, chosen)
    html_col, geojson_col, csv_col = st.columns(3)
    html_col.download_button(
        _("Map (offline HTML)"),
        lambda: exports.view_html(atlas, day, bounds, chosen),
        file_name=exports.export_filename("map", "html", day),
        mime="text/html",
        key="seminar_dl_html",
        help=_("One file with the map and Leaflet inside; opens by double-click without "
               "network"),
    )
    geojson_col.download_button(
        _("Layer (GeoJSON)"),
        lambda: exports.state_geojson(atlas, day),
        file_name=exports.export_filename("state", "geojson", day),
        mime="application/geo+json",
        key="seminar_dl_geojson",
        help=_("RFC 7946 GeoJSON with holder, status, basis, source and uncertainty per "
               "region"),
    )
    csv_col.download_button(
        _("Chronology (CSV)"),
        lambda: exports.chronology_csv(atlas),
        file_name=exports.export_filename("chronology", "csv"),
        mime="text/csv",
        key="seminar_dl_csv",
    )
