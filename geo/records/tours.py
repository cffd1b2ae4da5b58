"""Seminar tours: an ordered list of map scenes a lecturer steps through.

Tours are plain YAML files in ``data/tours/`` (shape: ``data/schemas/tour.json``) so that
they can be reviewed like the rest of the data, and a tour built in the app is serialised to the
same format so it can be uploaded again.
Everything here is independent of Streamlit and of the engine; checks that need the history
(does the selected region really belong to the declared holder on that date?) take the atlas as
an argument.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import yaml
from shapely.geometry import shape

from geo.paths import DATA
from geo.records.file_schema import schema, schema_problems
from geo.records.model import RANGE_END, RANGE_START, STUDY_BOUNDS, Bounds, parse_date

TOURS_DIR = DATA / "tours"
MAX_CAPTION_WORDS = 80
SHIPPED_SCENES = (6, 12)
# Overlays a scene may switch on (claims hatching, Straits regime outlines); the holder colouring
# of the units is always drawn.
LAYERS: tuple[str, ...] = tuple(
    schema("tour")["$defs"]["scene"]["properties"]["layers"]["items"]["enum"]
)
_WORD = re.compile(r"\S+")


class TourError(ValueError):
    """A tour file that cannot be used; the message lists every problem found."""


@dataclass(frozen=True)
class Scene:
    """One step of a tour. ``bounds`` is (west, south, east, north) in degrees, GeoJSON order."""

    date: date
    title: str
    caption: str
    bounds: Bounds = STUDY_BOUNDS
    regions: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()
    expect_holder: Mapping[str, str] = field(default_factory=dict)
    document: str | None = None
    article: str | None = None
    question: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def center(self) -> tuple[float, float]:
        """(lat, lon) of the middle of the view, the order Leaflet expects."""
        west, south, east, north = self.bounds
        return ((south + north) / 2, (west + east) / 2)


@dataclass(frozen=True)
class Tour:
    id: str
    title: str
    summary: str
    scenes: tuple[Scene, ...]
    author: str = ""

    @property
    def span(self) -> tuple[date, date]:
        dates = [s.date for s in self.scenes]
        return (min(dates), max(dates))


class HistorySource(Protocol):
    """The part of ``geo.engine.timeline.Atlas`` the tour checks need (kept narrow for tests)."""

    @property
    def units(self) -> Mapping[str, Any]: ...

    @property
    def documents(self) -> Mapping[str, Any]: ...

    def state_at(self, day: date) -> Any: ...


def fit_zoom(bounds: Bounds, width_px: int, height_px: int, step: float = 0.25) -> float:
    """The Leaflet zoom at which ``bounds`` fills a map of that size (Web Mercator, floored).

    streamlit-folium can move an existing map with ``center``/``zoom`` without remounting it,
    but has no fit-to-bounds argument, so the presentation view computes the zoom here.
    """
    west, south, east, north = bounds

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    dx = (east - west) / 360
    dy = (merc(north) - merc(south)) / (2 * math.pi)
    zoom = math.log2(min(width_px / (256 * dx), height_px / (256 * dy)))
    return math.floor(zoom / step) * step


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _as_date(value: Any) -> date:
    """YAML reads a bare ISO date as ``date``; a quoted one stays a string (schema-checked)."""
    return value if isinstance(value, date) else parse_date(str(value))


def _optional_text(value: Any) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def parse_scene(raw: Mapping[str, Any], where: str, problems: list[str]) -> Scene:
    """A scene from a mapping that passed the tour schema; rules beyond it go to ``problems``."""
    caption = str(raw["caption"]).strip()
    if word_count(caption) > MAX_CAPTION_WORDS:
        problems.append(
            f"{where}: caption has {word_count(caption)} words (limit {MAX_CAPTION_WORDS})"
        )
    west, south, east, north = (float(v) for v in raw.get("bounds") or STUDY_BOUNDS)
    if not (west < east and south < north):
        problems.append(f"{where}: bounds {raw['bounds']!r} are not a lon/lat box west<east, "
                        "south<north")
    day = _as_date(raw["date"])
    return Scene(
        date=day,
        title=str(raw.get("title") or day.isoformat()).strip(),
        caption=caption,
        bounds=(west, south, east, north),
        regions=tuple(raw.get("regions") or ()),
        layers=tuple(raw.get("layers") or ()),
        expect_holder={str(k): str(v) for k, v in (raw.get("expect_holder") or {}).items()},
        document=_optional_text(raw.get("document")),
        article=_optional_text(raw.get("article")),
        question=_optional_text(raw.get("question")),
        sources=tuple(raw.get("sources") or ()),
    )


def parse_tour(raw: Any, origin: str = "tour", text: str | None = None) -> Tour:
    """Check a decoded tour file against data/schemas/tour.json and the rules beyond it.

    Raises ``TourError`` listing every problem at once; ``text``, the YAML the tour was read
    from, lets each schema problem name its line.
    """
    problems = schema_problems("tour", raw, origin, text)
    if problems:
        raise TourError("\n".join(problems))
    scenes = tuple(
        parse_scene(s, f"{origin} scene {i + 1}", problems) for i, s in enumerate(raw["scenes"])
    )
    if problems:
        raise TourError("\n".join(problems))
    return Tour(
        id=raw["id"],
        title=raw["title"].strip(),
        summary=str(raw.get("summary") or "").strip(),
        author=str(raw.get("author") or "").strip(),
        scenes=scenes,
    )


def loads(text: str, origin: str = "uploaded tour") -> Tour:
    try:
        raw = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: a date like 1921-13-13
        raise TourError(f"{origin}: not valid YAML ({exc})") from exc
    return parse_tour(raw, origin, text)


def load_tour(path: Path) -> Tour:
    return loads(path.read_text(encoding="utf-8"), path.name)


def load_tours(folder: Path = TOURS_DIR) -> dict[str, Tour]:
    """All shipped tours by id, in file-name order (the order the index page shows)."""
    tours: dict[str, Tour] = {}
    for path in sorted(folder.glob("*.yaml")):
        tour = load_tour(path)
        if tour.id in tours:
            raise TourError(f"{path.name}: duplicate tour id {tour.id!r}")
        tours[tour.id] = tour
    return tours


def scene_to_dict(scene: Scene) -> dict[str, Any]:
    """The YAML mapping of a scene; empty optional fields are left out to keep files short."""
    out: dict[str, Any] = {
        "date": scene.date.isoformat(),
        "title": scene.title,
        "bounds": [round(v, 4) for v in scene.bounds],
    }
    if scene.regions:
        out["regions"] = list(scene.regions)
    if scene.layers:
        out["layers"] = list(scene.layers)
    if scene.expect_holder:
        out["expect_holder"] = dict(sorted(scene.expect_holder.items()))
    out["caption"] = scene.caption
    for key in ("document", "article", "question"):
        value = getattr(scene, key)
        if value:
            out[key] = value
    if scene.sources:
        out["sources"] = list(scene.sources)
    return out


def dumps(tour: Tour) -> str:
    """Serialise a tour so that ``loads(dumps(t)) == t`` (the download/upload round trip)."""
    doc: dict[str, Any] = {"id": tour.id, "title": tour.title}
    if tour.author:
        doc["author"] = tour.author
    if tour.summary:
        doc["summary"] = tour.summary
    doc["scenes"] = [scene_to_dict(s) for s in tour.scenes]
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "tour"


def scene_from_view(
    atlas: HistorySource,
    day: date,
    *,
    bounds: Bounds | None = None,
    regions: Iterable[str] = (),
    layers: Iterable[str] = (),
    caption: str = "",
    title: str = "",
) -> Scene:
    """Capture what the Atlas page shows as a scene ("add this view as a scene").

    The holders of the selected regions on that day are recorded in ``expect_holder``, so a
    later change in the data that would contradict the caption is caught by the tour checks.
    """
    chosen = tuple(r for r in regions if r in atlas.units)
    if bounds is None:
        bounds = frame_regions(getattr(atlas, "geometries", {}), chosen)
    state = atlas.state_at(day)
    expect = {r: state.units[r].period.holder for r in chosen if r in state.units}
    names = ", ".join(_unit_name(atlas, r) for r in chosen)
    return Scene(
        date=day,
        title=title or (f"{names}, {day.isoformat()}" if names else day.isoformat()),
        caption=caption.strip() or f"The map on {day.isoformat()}.",
        bounds=bounds,
        regions=chosen,
        layers=tuple(layer for layer in layers if layer in LAYERS),
        expect_holder=expect,
    )


def frame_regions(
    geometries: Mapping[str, Mapping[str, Any]], regions: Iterable[str], margin: float = 0.4
) -> Bounds:
    """A view around the given regions with some context on every side (whole area if none)."""
    boxes = [shape(geometries[r]).bounds for r in regions if r in geometries]
    if not boxes:
        return STUDY_BOUNDS
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad_x = max((east - west) * margin, 0.3)
    pad_y = max((north - south) * margin, 0.2)
    box = (west - pad_x, south - pad_y, east + pad_x, north + pad_y)
    return (round(box[0], 4), round(box[1], 4), round(box[2], 4), round(box[3], 4))


def _unit_name(atlas: HistorySource, unit_id: str) -> str:
    unit = atlas.units.get(unit_id)
    return str(getattr(unit, "name_en", unit_id) or unit_id)


def move_scene(tour: Tour, index: int, offset: int) -> Tour:
    """Return the tour with scene ``index`` moved by ``offset`` places (clamped at the ends)."""
    scenes = list(tour.scenes)
    target = max(0, min(len(scenes) - 1, index + offset))
    scenes.insert(target, scenes.pop(index))
    return replace(tour, scenes=tuple(scenes))


def remove_scene(tour: Tour, index: int) -> Tour:
    return replace(tour, scenes=tuple(s for i, s in enumerate(tour.scenes) if i != index))


def append_scene(tour: Tour, scene: Scene) -> Tour:
    return replace(tour, scenes=(*tour.scenes, scene))


def shipped_tour_problems(tour: Tour, origin: str) -> list[str]:
    """A shipped tour is a lesson others rely on, so it is held to more than an upload.

    Six to twelve scenes (one seminar session); every scene selects regions, states who holds
    them (so ``check_against_history`` can catch a change in the data that contradicts the
    caption) and cites a source.
    """
    low, high = SHIPPED_SCENES
    problems = []
    if not low <= len(tour.scenes) <= high:
        problems.append(f"{origin}: {len(tour.scenes)} scenes (a shipped tour has {low}-{high})")
    for n, scene in enumerate(tour.scenes, start=1):
        where = f"{origin} scene {n} ({scene.date})"
        if not scene.regions:
            problems.append(f"{where}: no region selected")
        if not scene.expect_holder:
            problems.append(f"{where}: no expect_holder to check against the history")
        extra = sorted(set(scene.expect_holder) - set(scene.regions))
        if extra:
            problems.append(f"{where}: expect_holder names unselected regions {extra}")
        if not scene.sources:
            problems.append(f"{where}: no source URL")
    return problems


def check_against_history(tour: Tour, atlas: HistorySource) -> list[str]:
    """Problems between a tour and the data: unknown ids, or holders that contradict a scene."""
    problems: list[str] = []
    for n, scene in enumerate(tour.scenes, start=1):
        where = f"{tour.id} scene {n} ({scene.date})"
        for unit in (*scene.regions, *scene.expect_holder):
            if unit not in atlas.units:
                problems.append(f"{where}: unknown unit {unit!r}")
        if scene.document and scene.document not in atlas.documents:
            problems.append(f"{where}: unknown document {scene.document!r}")
        if scene.document and scene.article:
            articles = {_article_id(a) for a in _articles(atlas, scene.document)}
            if articles and scene.article not in articles:
                problems.append(f"{where}: {scene.document} has no article {scene.article!r}")
        if not RANGE_START <= scene.date <= RANGE_END:
            problems.append(f"{where}: outside the map's range ({RANGE_START} to {RANGE_END})")
            continue
        state = atlas.state_at(scene.date)
        for unit, holder in scene.expect_holder.items():
            if unit not in state.units:
                problems.append(f"{where}: the history says nothing about {unit}")
            elif state.units[unit].period.holder != holder:
                actual = state.units[unit].period.holder
                problems.append(f"{where}: {unit} is held by {actual}, scene says {holder}")
    return problems


def _articles(atlas: HistorySource, doc_id: str) -> list[Any]:
    doc = atlas.documents.get(doc_id)
    if doc is None:
        return []
    if isinstance(doc, Mapping):
        return list(doc.get("articles") or [])
    return list(getattr(doc, "articles", []) or [])


def _article_id(article: Any) -> str:
    if isinstance(article, Mapping):
        return str(article.get("article"))
    return str(getattr(article, "article", article))
