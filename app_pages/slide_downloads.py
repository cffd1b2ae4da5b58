"""Download buttons for slide images of the view on screen (Atlas page, tour scenes).

Imported by the pages; renders nothing on import. The image is drawn only when a button is
clicked (deferred download data) and cached per view and data version, since a lecturer often
takes the same slide twice (PNG, then SVG). The drawing module (matplotlib, geopandas) is
imported only then, so a fresh server shows its first Atlas page without loading it.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from app_pages.common import data_dir, load_atlas
from app_pages.i18n import _
from geo.records.tours import Scene
from geo.records.version import data_hash
from geo.web import mapview, slide_spec
from geo.web.slide_spec import SlideSpec

CHOICES = (("png", "1920x1080"), ("png", "1280x720"), ("svg", "1920x1080"))
MIME = {"png": "image/png", "svg": "image/svg+xml"}


@st.cache_data(show_spinner=False, max_entries=12)
def slide_bytes(spec: SlideSpec, fmt: str, version: str) -> bytes:
    """``version`` keys the cache: new data, new picture."""
    from geo.web import slides

    return slides.render(load_atlas(), spec, fmt)


def _buttons(spec: SlideSpec, key: str) -> None:
    version = data_hash(data_dir())
    columns = st.columns(len(CHOICES))
    for column, (fmt, size) in zip(columns, CHOICES, strict=True):
        sized = SlideSpec(spec.day, spec.regions, spec.view, slide_spec.SIZES[size],
                                 spec.bounds, spec.overlays, spec.subtitle)  # fmt: skip
        column.download_button(
            _("Slide {format} {size}").format(format=fmt.upper(), size=size.replace("x", "×")),
            lambda sized=sized, fmt=fmt: slide_bytes(sized, fmt, version),
            file_name=slide_spec.filename(sized, fmt),
            mime=MIME[fmt],
            key=f"{key}_{fmt}_{size}",
            help=_("The map as drawn here, with date, legend, scale and attribution, for "
                   "slides (in English)"),
        )


def atlas_slide_buttons(day: date, region: str | None, view: str | None) -> None:
    """The Atlas view: its date, its selected region, the last framing button pressed."""
    atlas = load_atlas()
    regions = (region,) if region and region in atlas.geometries else ()
    name = view if view in mapview.VIEWS else mapview.DEFAULT_VIEW
    _buttons(SlideSpec(day, regions, name), "atlas_slide")


def scene_slide_buttons(scene: Scene) -> None:
    """A tour scene: its date, regions, framing and overlays, titled with the scene's title."""
    atlas = load_atlas()
    regions = tuple(r for r in scene.regions if r in atlas.geometries)
    spec = SlideSpec(scene.date, regions, bounds=scene.bounds, overlays=scene.layers,
                            subtitle=scene.title)  # fmt: skip
    _buttons(spec, "scene_slide")
