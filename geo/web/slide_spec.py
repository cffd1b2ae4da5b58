"""What a slide shows (``SlideSpec``) and its file name, without the drawing machinery.

The pages build a spec and a file name for every download button on every run, but draw a
slide only when a button is pressed. Keeping these few names apart from ``geo.web.slides``
spares each new server process the import of matplotlib and geopandas (about a second on
the 2-core machine) until a lecturer actually asks for a picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from geo.web import mapview

SIZES: dict[str, tuple[int, int]] = {"1920x1080": (1920, 1080), "1280x720": (1280, 720)}
FORMATS = ("png", "svg")


@dataclass(frozen=True)
class SlideSpec:
    """What to draw. ``bounds`` (west, south, east, north), a tour scene's own framing, wins
    over the named ``view``; ``subtitle`` replaces the generated one (a scene's title)."""

    day: date
    regions: tuple[str, ...] = ()
    view: str = mapview.DEFAULT_VIEW
    size: tuple[int, int] = SIZES["1920x1080"]
    bounds: tuple[float, float, float, float] | None = None
    overlays: tuple[str, ...] = mapview.OVERLAYS
    subtitle: str = ""


def filename(spec: SlideSpec, fmt: str) -> str:
    parts = ["borderlands-atlas", "slide", spec.day.isoformat(), *spec.regions[:3]]
    parts.append(f"{spec.size[0]}x{spec.size[1]}")
    return "_".join(parts) + "." + fmt
