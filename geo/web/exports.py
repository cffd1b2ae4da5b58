"""Files a lecturer takes away: GeoJSON of one date, the chronology as CSV, offline HTML maps.

The HTML exports must open by double-click on a machine with no network, so they carry Leaflet
and every byte of data inline. They are written by hand rather than by folium: the app's map is
built for ``st_folium`` (assets by URL, a basemap fetched from the server), and a slideshow needs
the unit geometry only once with a small table of holders per scene, which keeps a ten-scene
tour about the size of one map.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import folium
import shapely
from folium.plugins import Fullscreen
from shapely.geometry import mapping, shape

from geo.paths import DATA
from geo.records.tours import STUDY_BOUNDS, Bounds, Scene, Tour
from geo.web.mapview import SEA_COLOUR, holder_colour
from geo.web.vendor_assets import asset_text

APP_NAME = "borderlands-atlas"
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


def _rounded(geometry: Any, digits: int = 5) -> Any:
    if isinstance(geometry, (list, tuple)):
        if geometry and isinstance(geometry[0], (int, float)):
            return [round(float(v), digits) for v in geometry]
        return [_rounded(g, digits) for g in geometry]
    return geometry


def rfc7946_geometry(geometry: Mapping[str, Any]) -> dict[str, Any]:
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946 §3.1.6), lon/lat, 5 decimals."""
    oriented = shapely.orient_polygons(shape(geometry), exterior_cw=False)
    out = mapping(oriented)
    return {"type": out["type"], "coordinates": _rounded(out["coordinates"])}


def state_properties(atlas: Any, unit_id: str, day: date) -> dict[str, Any]:
    """The facts a GIS user needs to label and check one unit on one day."""
    unit_state = atlas.state_at(day).units[unit_id]
    period = unit_state.period
    unit = atlas.units[unit_id]
    holder = atlas.holders.get(period.holder)
    return {
        "id": unit_id,
        "name": unit.name_en,
        "date": day.isoformat(),
        "holder": period.holder,
        "holder_name": holder.name if holder else period.holder,
        "within": period.within,
        "status": period.status,
        "regime": period.regime,
        "basis": period.basis_text,
        "basis_doc": period.basis_doc,
        "basis_article": period.basis_article,
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat() if period.end else "",
        "certainty": period.certainty,
        "source": " | ".join(period.sources),
        "uncertainty_km": unit.uncertainty_km,
        "resolution": unit.resolution,
        "claims": "; ".join(f"{atlas.claimant_name(c)} ({c.kind})" for c in unit_state.claims),
    }


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
                "geometry": rfc7946_geometry(atlas.geometries[unit_id]),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def geojson_text(collection: Mapping[str, Any]) -> str:
    """One feature per line, so that two exports diff line by line."""
    lines = [
        json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]
    ]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


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


def _script_json(value: Any) -> str:
    """JSON that cannot close the surrounding <script> element, whatever the strings contain."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _inline_js(text: str) -> str:
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", text, flags=re.I) + "</script>"


def _inline_css(text: str) -> str:
    return "<style>" + re.sub(r"</(style)", r"<\\/\1", text, flags=re.I) + "</style>"


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


def _basemap(layers: Iterable[str] = ("land", "lakes")) -> dict[str, Any]:
    out = {}
    for layer in layers:
        path = DATA / "basemap" / f"{layer}.geojson"
        if path.is_file():
            out[layer] = json.loads(path.read_text(encoding="utf-8"))
    return out


_SLIDESHOW_JS = r"""
(function () {
  var data = JSON.parse(document.getElementById('atlas-data').textContent);
  var map = L.map('map', {zoomSnap: 0.25, fullscreenControl: true});
  var land = data.basemap.land, lakes = data.basemap.lakes;
  if (land) L.geoJSON(land, {interactive: false,
    style: {color: '#b9b3a5', weight: 0.5, fillColor: '#f3efe6', fillOpacity: 1}}).addTo(map);
  if (lakes) L.geoJSON(lakes, {interactive: false,
    style: {color: '#9fbfd6', weight: 0.5, fillColor: '#dce9f2', fillOpacity: 1}}).addTo(map);
  var current = -1, layer = null;
  function text(id, value) { var el = document.getElementById(id); el.textContent = value;
    el.style.display = value ? '' : 'none'; }
  function tip(feature, holders) {
    var h = holders[feature.id] || {}; var div = document.createElement('div');
    var b = document.createElement('b'); b.textContent = feature.properties.name;
    div.appendChild(b);
    div.appendChild(document.createElement('br'));
    div.appendChild(document.createTextNode((h.h || '') + ' (' + (h.s || '') + ')'));
    return div;
  }
  function show(n) {
    n = Math.max(0, Math.min(data.frames.length - 1, n));
    if (n === current) return;
    current = n; var f = data.frames[n];
    if (layer) map.removeLayer(layer);
    layer = L.geoJSON(data.shapes, {
      style: function (feat) {
        var h = f.holders[feat.id] || {}; var chosen = f.regions.indexOf(feat.id) >= 0;
        return {color: chosen ? '#111' : '#555', weight: chosen ? 3 : 0.7,
                fillColor: h.c || '#ccc', fillOpacity: h.s === 'occupied' ? 0.55 : 0.8,
                dashArray: h.k && f.claims ? '6 4' : null};
      },
      onEachFeature: function (feat, lyr) { lyr.bindTooltip(tip(feat, f.holders), {sticky: true}); }
    }).addTo(map);
    var b = f.bounds; map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
    text('frame-date', f.date); text('frame-title', f.title); text('frame-caption', f.caption);
    text('frame-citation', f.citation); text('frame-question', f.question);
    text('frame-counter', data.frames.length > 1 ? (n + 1) + ' / ' + data.frames.length : '');
    document.getElementById('prev').disabled = n === 0;
    document.getElementById('next').disabled = n === data.frames.length - 1;
    if (data.frames.length > 1) history.replaceState(null, '', '#' + (n + 1));
  }
  document.getElementById('prev').onclick = function () { show(current - 1); };
  document.getElementById('next').onclick = function () { show(current + 1); };
  document.addEventListener('keydown', function (e) {
    if (['ArrowRight', 'PageDown', ' ', 'Spacebar'].indexOf(e.key) >= 0) { show(current + 1); }
    else if (['ArrowLeft', 'PageUp'].indexOf(e.key) >= 0) { show(current - 1); }
    else { return; }
    e.preventDefault();
  });
  if (data.frames.length < 2) {
    document.getElementById('prev').style.display = 'none';
    document.getElementById('next').style.display = 'none';
  }
  show((parseInt(location.hash.slice(1), 10) || 1) - 1);
  window.atlasMap = map;
})();
"""

_PAGE_CSS = """
html, body { margin: 0; height: 100%; font-family: Georgia, 'DejaVu Serif', serif; }
body { display: flex; flex-direction: column; }
#map { flex: 1; background: SEA; min-height: 60vh; }
header { display: flex; align-items: baseline; gap: 1rem; padding: .4rem 1rem; }
header h1 { font-size: 1.3rem; margin: 0; flex: 1; }
#panel { padding: .6rem 1rem 1rem; font-size: 1.35rem; line-height: 1.45; max-width: 70rem; }
#frame-date { font-weight: bold; font-size: 1.6rem; }
#frame-citation { font-size: 1rem; color: #444; }
#frame-question { font-style: italic; }
#frame-counter { font-size: 1.1rem; color: #333; }
button { font-size: 1.2rem; padding: .2rem .9rem; }
footer { font-size: .8rem; color: #555; padding: 0 1rem .5rem; }
@media print { header button { display: none; } #map { min-height: 55vh; } }
"""


def slideshow_html(atlas: Any, frames: list[Frame], title: str) -> str:
    """A self-contained HTML page with Leaflet, the geometry once and one holder table per frame.

    With one frame it is the "current view" export; with many it is a tour slideshow stepped by
    the on-page buttons or by a presentation clicker (arrow keys, Page Up/Down, Space).
    """
    payload = {
        "shapes": _shapes(atlas),
        "basemap": _basemap(),
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
    css = _PAGE_CSS.replace("SEA", SEA_COLOUR)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title>",
            _inline_css(asset_text(folium.Map, "leaflet_css")),
            _inline_css(asset_text(Fullscreen, "Control.FullScreen.css")),
            _inline_css(css),
            "</head><body>",
            f"<header><h1>{html.escape(title)}</h1><span id='frame-counter'></span>"
            "<button id='prev' type='button'>&larr; Previous</button>"
            "<button id='next' type='button'>Next &rarr;</button></header>",
            '<div id="map"></div>',
            '<div id="panel"><div id="frame-date"></div><div id="frame-title"></div>'
            '<p id="frame-caption"></p><p id="frame-question"></p>'
            '<div id="frame-citation"></div></div>',
            "<footer>Borderlands Atlas offline export. Borders are drawn with a stated "
            "uncertainty; dashed outlines mark units under a territorial claim.</footer>",
            '<script type="application/json" id="atlas-data">',
            _script_json(payload),
            "</script>",
            _inline_js(asset_text(folium.Map, "leaflet")),
            _inline_js(asset_text(Fullscreen, "Control.Fullscreen.js")),
            _inline_js(_SLIDESHOW_JS),
            "</body></html>",
        ]
    )


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
) -> str:
    """A small plain-SVG drawing of the units on ``day`` inside ``bounds`` (no script, no fonts).

    Longitudes are scaled by the cosine of the middle latitude so shapes are not stretched.
    """
    west, south, east, north = bounds
    kx = math.cos(math.radians((south + north) / 2))
    scale = min(width / ((east - west) * kx), height / (north - south))
    box = shapely.box(west, south, east, north)
    chosen = set(regions)
    state = atlas.state_at(day)
    paths: list[str] = []
    outlines: list[str] = []
    tolerance = 0.7 / scale  # about a pixel: thumbnails need a fraction of the vertices
    for unit_id, geometry in sorted(atlas.geometries.items()):
        if unit_id not in state.units:
            continue
        geom = shape(geometry)
        if not geom.intersects(box):
            continue
        clipped = shapely.clip_by_rect(geom, west, south, east, north)
        d = _svg_path(clipped.simplify(tolerance, preserve_topology=True), west, north, kx, scale)
        if not d:
            continue
        colour = colour_of(atlas, state.units[unit_id].period.holder)
        paths.append(
            f'<path d="{d}" fill="{html.escape(colour)}" stroke="#555" stroke-width="0.4">'
            f"<title>{html.escape(atlas.units[unit_id].name_en)}</title></path>"
        )
        if unit_id in chosen:
            outlines.append(f'<path d="{d}" fill="none" stroke="#111" stroke-width="1.6"/>')
    w = round((east - west) * kx * scale, 1)
    h = round((north - south) * scale, 1)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
        f'height="{h}" role="img" style="background:{SEA_COLOUR}">' + "".join(paths + outlines)
        + "</svg>"
    )  # fmt: skip


def _svg_path(geom: Any, west: float, north: float, kx: float, scale: float) -> str:
    parts: list[str] = []
    for poly in getattr(geom, "geoms", [geom]):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        for ring in (poly.exterior, *poly.interiors):
            pts = [
                f"{(x - west) * kx * scale:.1f},{(north - y) * scale:.1f}" for x, y in ring.coords
            ]
            parts.append("M" + " L".join(pts) + "Z")
    return "".join(parts)


def handout_html(
    atlas: Any,
    tour: Tour,
    index: int,
) -> str:
    """A printable page for one scene: map drawing, caption, question and citation."""
    scene = tour.scenes[index]
    drawing = svg_map(
        atlas,
        scene.date,
        scene.bounds,
        width=900,
        height=560,
        regions=scene.regions,
    )
    cite = citation_for(atlas, scene)
    rows = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(tour.title)} — {index + 1}</title>",
        "<style>body{font-family:Georgia,'DejaVu Serif',serif;max-width:900px;margin:1rem auto;"
        "font-size:14pt}svg{width:100%;height:auto;border:1px solid #999}"
        "h1{font-size:16pt}h2{font-size:14pt}.cite{font-size:11pt;color:#333}"
        "@page{size:A4;margin:15mm}</style></head><body>",
        f"<h1>{html.escape(tour.title)}</h1>",
        f"<h2>{html.escape(scene.date.isoformat())} — {html.escape(scene.title)} "
        f"(scene {index + 1} of {len(tour.scenes)})</h2>",
        drawing,
        f"<p>{html.escape(scene.caption)}</p>",
    ]
    if scene.question:
        rows.append(f"<p><i>For discussion: {html.escape(scene.question)}</i></p>")
    if cite:
        rows.append(f"<p class='cite'>Document: {html.escape(cite)}</p>")
    if scene.sources:
        rows.append("<p class='cite'>Sources: " + html.escape(" | ".join(scene.sources)) + "</p>")
    rows.append("</body></html>")
    return "\n".join(rows)
