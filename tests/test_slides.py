"""Slide images: exact pixel size, the live map's colours at known places, SVG that parses.

Runs on the real data so that the sample places hold known holders (Kars Turkish in 1921,
Russian in 1878, Artvin under British occupation in June 1919).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import shapely
from PIL import Image
from shapely.geometry import shape

from geo.engine.timeline import Atlas
from geo.web import mapview, slides


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load()


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def blend(top: str, alpha: float, under: str = mapview.LAND_COLOUR) -> tuple[int, int, int]:
    return tuple(round(alpha * t + (1 - alpha) * u)
                 for t, u in zip(rgb(top), rgb(under), strict=True))  # type: ignore[return-value]


def inner_point(atlas: Atlas, unit_id: str) -> tuple[float, float]:
    """A point well inside the unit and away from its name label (text would hide the fill)."""
    geom = shape(atlas.geometries[unit_id])
    core = geom.buffer(-0.08)
    label = shapely.Point(atlas.units[unit_id].label or geom.representative_point().coords[0])
    x0, y0, x1, y1 = core.bounds
    steps = 12
    for i in range(1, steps):
        for j in range(1, steps):
            point = shapely.Point(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * j / steps)
            if core.contains(point) and point.distance(label) > 0.25:
                return point.x, point.y
    raise AssertionError(f"no inner point in {unit_id}")


def colours_around(image: Image.Image, slide: slides.Slide, lon: float, lat: float,
                   radius: int = 5) -> Counter:  # fmt: skip
    col, row = slide.pixel(lon, lat)
    x, y = round(col), round(row)
    box = image.convert("RGB").crop((x - radius, y - radius, x + radius + 1, y + radius + 1))
    return Counter(tuple(int(v) for v in pixel) for pixel in np.asarray(box).reshape(-1, 3))


def close(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 3) -> bool:
    return all(abs(p - q) <= tolerance for p, q in zip(a, b, strict=True))


def drawn(atlas: Atlas, spec: slides.SlideSpec) -> tuple[slides.Slide, Image.Image]:
    slide = slides.draw(atlas, spec)
    buffer = io.BytesIO()
    slide.figure.savefig(buffer, format="png", dpi=slides.DPI)
    return slide, Image.open(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize("size", list(slides.SIZES.values()))
def test_png_has_the_size_and_the_holders_colours(atlas: Atlas, size: tuple[int, int]) -> None:
    spec = slides.SlideSpec(date(1921, 10, 13), ("kars",), size=size)
    blob = slides.render(atlas, spec, "png")
    image = Image.open(io.BytesIO(blob))
    assert image.format == "PNG" and image.size == size
    slide = slides.draw(atlas, spec)
    turkey = blend(mapview.holder_colour("turkey", atlas.holders), 0.7)
    ussr = blend(mapview.holder_colour("azerbaijan-ssr", atlas.holders), 0.7)
    for unit_id, expected in (("kars", turkey), ("oltu", turkey), ("nakhchivan", ussr)):
        found, _ = colours_around(image, slide, *inner_point(atlas, unit_id)).most_common(1)[0]
        assert close(found, expected), (unit_id, found, expected)


def test_1878_kars_has_the_russian_empires_colour(atlas: Atlas) -> None:
    slide, image = drawn(atlas, slides.SlideSpec(date(1878, 7, 13)))
    found, _ = colours_around(image, slide, *inner_point(atlas, "kars")).most_common(1)[0]
    assert close(found, blend(mapview.HOLDER_COLOURS["russian-empire"], 0.7))


def test_occupation_dots_and_claim_stripes_are_in_the_holders_colours(atlas: Atlas) -> None:
    slide, image = drawn(atlas, slides.SlideSpec(date(1919, 6, 1)))
    around = colours_around(image, slide, *inner_point(atlas, "artvin"), radius=10)
    britain = rgb(mapview.holder_colour("united-kingdom", atlas.holders))
    assert any(close(c, britain, 10) for c in around), "no British dots over occupied Artvin"
    assert any(close(c, rgb(mapview.LAND_COLOUR)) for c in around), "dots must leave land between"
    slide, image = drawn(atlas, slides.SlideSpec(date(1946, 1, 1)))
    around = colours_around(image, slide, *inner_point(atlas, "kars"), radius=10)
    soviet = rgb(mapview.holder_colour("ussr", atlas.holders))
    turkey = blend(mapview.holder_colour("turkey", atlas.holders), 0.7)
    assert any(close(c, soviet, 10) for c in around), "no Soviet claim stripes over Kars"
    assert any(close(c, turkey) for c in around), "the holder's fill shows between stripes"


def test_svg_parses_has_the_size_and_keeps_text(atlas: Atlas) -> None:
    spec = slides.SlideSpec(date(1921, 10, 13), ("kars",), view="Whole region", size=(1280, 720))
    blob = slides.render(atlas, spec, "svg")
    root = ET.fromstring(blob)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 921.6 518.4"  # 1280x720 px at 100 dpi, in points
    text = "".join(root.itertext())
    assert "13 October 1921" in text and "Natural Earth" in text
    assert blob == slides.render(atlas, spec, "svg"), "the same view gives the same file"


@pytest.mark.parametrize(("spec", "message"), [
    (slides.SlideSpec(date(1877, 1, 1)), "outside"),
    (slides.SlideSpec(date(1921, 1, 1), regions=("atlantis",)), "unknown region"),
    (slides.SlideSpec(date(1921, 1, 1), view="Moon"), "unknown view"),
    (slides.SlideSpec(date(1921, 1, 1), size=(10, 10)), "not one of"),
])  # fmt: skip
def test_bad_requests_are_refused_with_a_reason(atlas: Atlas, spec, message: str) -> None:
    with pytest.raises(slides.SlideError, match=message):
        slides.draw(atlas, spec)


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "1921-13-01"], "not a valid date"),
    (["--date", "2001-01-01"], "outside"),
    (["--date", "1921-10-13", "--region", "<b>x</b>"], "unknown region"),
    (["--date", "1921-10-13", "--view", "Moon"], "unknown view"),
    (["--date", "1921-10-13", "--size", "800x600"], "invalid choice"),
])  # fmt: skip
def test_cli_exits_2_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    args: list[str], message: str) -> None:  # fmt: skip
    with pytest.raises(SystemExit) as exit_info:
        slides.main([*args, "--out", str(tmp_path / "x.png")])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_cli_refuses_other_file_types_and_writes_png(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        slides.main(["--date", "1921-10-13", "--out", str(tmp_path / "x.jpg")])
    assert exit_info.value.code == 2 and ".png or .svg" in capsys.readouterr().err
    out = tmp_path / "x.png"
    assert slides.main(["--date", "1921-10-13", "--size", "1280x720", "--out", str(out)]) == 0
    assert Image.open(out).size == (1280, 720)
