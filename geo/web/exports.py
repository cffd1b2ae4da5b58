"""Files a lecturer takes away: GeoJSON of one date, the chronology as CSV, offline HTML maps.

The HTML exports must open by double-click on a machine with no network, so they carry Leaflet
and every byte of data inline. They are written by hand rather than by folium: the app's map is
built for ``st_folium`` (assets by URL, a basemap fetched from the server), and a slideshow needs
the unit geometry only once with a small table of holders per scene, which keeps a ten-scene
tour about the size of one map.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import folium
from folium.plugins import Fullscreen

from geo.engine.unit_record import flat_record, unit_record
from geo.paths import DATA
from geo.pipeline.build import feature_collection_text
from geo.records.model import STUDY_BOUNDS, Bounds
from geo.records.tours import Scene, Tour
from geo.web.mapview import BASEMAP_STYLES, SEA_COLOUR, holder_colour
from geo.web.minimaps import minimap_svg
from geo.web.render import app_static, inline, render
from geo.web.vendor_assets import asset_text

APP_NAME = "borderlands-atlas"
BASEMAP_LAYERS = ("land", "lakes")  # the offline page stays small: no rivers or cities
CHRONOLOGY_HEADER = (
    "unit", "unit_name", "start", "end", "start_range", "holder", "holder_name", "within",
    "status", "regime", "basis_doc", "basis_article", "basis_text", "certainty", "sources", "note",
)  # fmt: skip


def colour_of(atlas: Any, holder_id: str) -> str:
    """The holder's colour on the app's map, so exports and slides look like the Atlas."""
    return holder_colour(holder_id, atlas.holders)


def export_filename(kind: str, ext: str, day: date | None = None, name: str = "") -> str:
    """File names say what is inside: ``borderlands-atlas_map_1921-10-13.html`` and so on."""
    parts = [APP_NAME, kind]
    if name:
        parts.append(re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"))
    if day:
        parts.append(day.isoformat())
    return "_".join(p for p in parts if p) + "." + ext


# --- GeoJSON (RFC 7946) ------------------------------------------------------------------------


def state_properties(atlas: Any, unit_id: str, day: date) -> dict[str, Any]:
    """The facts a GIS user needs to label and check one unit on one day (``unit_record``)."""
    return flat_record(unit_record(atlas, atlas.state_at(day), unit_id))


def state_feature_collection(atlas: Any, day: date) -> dict[str, Any]:
    """The map of ``day`` as an RFC 7946 FeatureCollection (no ``crs`` member: WGS 84 implied)."""
    features = []
    state = atlas.state_at(day)
    for unit_id in sorted(atlas.geometries):
        if unit_id not in state.units:
            continue
        features.append(
            {
                "type": "Feature",
                "id": unit_id,
                "properties": state_properties(atlas, unit_id, day),
                "geometry": atlas.geometries[unit_id],
            }
        )
    return {"type": "FeatureCollection", "features": features}


def state_geojson(atlas: Any, day: date) -> str:
    """The map of ``day`` as GeoJSON text, one feature per line like the committed layers."""
    return feature_collection_text(state_feature_collection(atlas, day)["features"])


# --- Chronology CSV ------------------------------------------------------------------------------


def chronology_csv(atlas: Any) -> str:
    """Every period of every unit with readable names added, sorted by unit then start."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CHRONOLOGY_HEADER)
    for unit_id in sorted(atlas.units):
        for p in atlas.history(unit_id):
            holder = atlas.holders.get(p.holder)
            writer.writerow(
                [
                    unit_id,
                    atlas.units[unit_id].name_en,
                    p.start.isoformat(),
                    p.end.isoformat() if p.end else "",
                    "..".join(d.isoformat() for d in p.start_range) if p.start_range else "",
                    p.holder,
                    holder.name if holder else p.holder,
                    p.within,
                    p.status,
                    p.regime,
                    p.basis_doc,
                    p.basis_article,
                    p.basis_text,
                    p.certainty,
                    " | ".join(p.sources),
                    p.note,
                ]
            )
    return buffer.getvalue()


# --- Offline HTML --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """One picture of the slideshow: a date's holders plus the words shown beside the map."""

    day: date
    title: str
    caption: str = ""
    bounds: Bounds = STUDY_BOUNDS
    regions: tuple[str, ...] = ()
    citation: str = ""
    question: str = ""
    show_claims: bool = True
    holders: dict[str, dict[str, str]] = field(default_factory=dict)


def citation_for(atlas: Any, scene: Scene) -> str:
    if not scene.document:
        return ""
    doc = atlas.documents.get(scene.document)
    title = getattr(doc, "short_title", "") or getattr(doc, "title", "") or scene.document
    return f"{title}, Art. {scene.article}" if scene.article else str(title)


def frame_holders(atlas: Any, day: date) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for unit_id, unit_state in sorted(atlas.state_at(day).units.items()):
        period = unit_state.period
        out[unit_id] = {
            "h": atlas.holder_name(period.holder, period.within),
            "s": period.status,
            "c": colour_of(atlas, period.holder),
            "k": "1" if unit_state.claims else "",
        }
    return out


def frame_for_scene(atlas: Any, scene: Scene) -> Frame:
    return Frame(
        day=scene.date,
        title=scene.title,
        caption=scene.caption,
        bounds=scene.bounds,
        regions=scene.regions,
        citation=citation_for(atlas, scene),
        question=scene.question or "",
        show_claims="claims" in scene.layers,
        holders=frame_holders(atlas, scene.date),
    )


def _shapes(atlas: Any) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": unit_id,
                "properties": {"name": atlas.units[unit_id].name_en},
                "geometry": geometry,
            }
            for unit_id, geometry in sorted(atlas.geometries.items())
            if unit_id in atlas.units
        ],
    }


def _basemap(layers: Iterable[str] = BASEMAP_LAYERS) -> dict[str, Any]:
    out = {}
    for layer in layers:
        path = DATA / "basemap" / f"{layer}.geojson"
        if path.is_file():
            out[layer] = json.loads(path.read_text(encoding="utf-8"))
    return out


def slideshow_html(atlas: Any, frames: list[Frame], title: str) -> str:
    """A self-contained HTML page with Leaflet, the geometry once and one holder table per frame.

    With one frame it is the "current view" export; with many it is a tour slideshow stepped by
    the on-page buttons or by a presentation clicker (arrow keys, Page Up/Down, Space).
    """
    payload = {
        "shapes": _shapes(atlas),
        "basemap": _basemap(),
        "basemapStyles": {name: BASEMAP_STYLES[name][1] for name in BASEMAP_LAYERS},
        "frames": [
            {
                "date": f.day.isoformat(),
                "title": f.title,
                "caption": f.caption,
                "bounds": list(f.bounds),
                "regions": list(f.regions),
                "citation": f.citation,
                "question": f.question,
                "claims": f.show_claims,
                "holders": f.holders,
            }
            for f in frames
        ],
    }
    styles = [
        asset_text(folium.Map, "leaflet_css"),
        asset_text(Fullscreen, "Control.FullScreen.css"),
        app_static("css/export_slideshow.css"),
    ]
    scripts = [
        asset_text(folium.Map, "leaflet"),
        asset_text(Fullscreen, "Control.Fullscreen.js"),
        app_static("js/export_slideshow.js"),
    ]
    page = render(
        "slideshow.html.j2",
        title=title,
        sea=SEA_COLOUR,
        styles=[inline(s, "style") for s in styles],
        scripts=[inline(s, "script") for s in scripts],
        payload=payload,
    )
    return str(page)


def view_html(
    atlas: Any,
    day: date,
    bounds: Bounds = STUDY_BOUNDS,
    regions: Iterable[str] = (),
) -> str:
    """The current Atlas view as one offline page."""
    scene = Scene(date=day, title=f"The map on {day.isoformat()}", caption="", bounds=bounds,
                  regions=tuple(regions), layers=("claims",))  # fmt: skip
    frame = frame_for_scene(atlas, scene)
    return slideshow_html(atlas, [frame], f"Borderlands Atlas — {day.isoformat()}")


def tour_html(atlas: Any, tour: Tour) -> str:
    return slideshow_html(atlas, [frame_for_scene(atlas, s) for s in tour.scenes], tour.title)


# --- SVG drawings (tour thumbnails, printable handouts) -------------------------------------------


def svg_map(
    atlas: Any,
    day: date,
    bounds: Bounds,
    *,
    width: int = 160,
    height: int = 110,
    regions: Iterable[str] = (),
    label: str = "",
) -> str:
    """A small plain-SVG drawing of the units on ``day`` inside ``bounds``, named by title.

    ``label`` is the drawing's text alternative (see ``minimap_svg``).
    """
    state = atlas.state_at(day)
    drawn = {uid: g for uid, g in atlas.geometries.items() if uid in state.units}
    fills = {uid: colour_of(atlas, state.units[uid].period.holder) for uid in drawn}
    titles = {uid: atlas.units[uid].name_en for uid in drawn}
    return minimap_svg(drawn, fills, set(regions), bounds, width, height=height, titles=titles,
                       label=label)  # fmt: skip


def handout_html(atlas: Any, tour: Tour, index: int) -> str:
    """A printable page for one scene: map drawing, caption, question and citation."""
    scene = tour.scenes[index]
    drawing = svg_map(atlas, scene.date, scene.bounds, width=900, height=560,
                      regions=scene.regions, label=f"Map: {scene.title}")  # fmt: skip
    page = render(
        "handout.html.j2",
        tour=tour,
        scene=scene,
        number=index + 1,
        drawing=drawing,
        citation=citation_for(atlas, scene),
        style=inline(app_static("css/export_handout.css"), "style"),
    )
    return str(page)
