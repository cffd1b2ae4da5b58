"""The committed layers must be what ``python -m geo.pipeline.build`` makes from the shared data."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from shapely.geometry import LineString

from geo.paths import DATA, shared_available
from geo.pipeline import build
from geo.pipeline.inputs import read_layer

needs_shared = pytest.mark.skipif(
    not shared_available(),
    reason="shared reference folder not found (../shared or BORDERLANDS_SHARED); "
    "the rebuild cannot run without its Natural Earth layers",
)

OUTPUTS = [
    "units.geojson",
    "basemap/land.geojson",
    "basemap/sea.geojson",
    "basemap/lakes.geojson",
    "basemap/rivers.geojson",
    "basemap/cities.geojson",
]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    if not shared_available():
        pytest.skip("shared reference folder not found")
    out = tmp_path_factory.mktemp("build")
    started = time.perf_counter()
    assert build.main(["--out", str(out)]) == 0
    return out, time.perf_counter() - started


@needs_shared
@pytest.mark.parametrize("relative", OUTPUTS)
def test_rebuild_matches_committed_bytes(rebuilt: tuple[Path, float], relative: str) -> None:
    out, _ = rebuilt
    assert (out / relative).read_bytes() == (DATA / relative).read_bytes(), (
        f"{relative} differs from a fresh build: "
        "run python -m geo.pipeline.build and commit the result"
    )


@needs_shared
def test_build_is_deterministic_and_fast(rebuilt: tuple[Path, float]) -> None:
    _, seconds = rebuilt
    assert seconds < 60
    assert build.build_outputs() == build.build_outputs()


def test_missing_shared_exits_2_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BORDERLANDS_SHARED", str(tmp_path / "no-such-folder"))
    out = tmp_path / "out"
    assert build.main(["--out", str(out)]) == 2
    assert "shared" in capsys.readouterr().err
    assert not out.exists()


def test_reference_only_layers_are_refused() -> None:
    with pytest.raises(ValueError, match="reference-only"):
        read_layer("reference-only_tur_adm2_restricted")


def test_line_files_are_consistent() -> None:
    for path in sorted((DATA / "lines").glob("*.geojson")):
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        points = [f for f in features if f["geometry"]["type"] == "Point"]
        (line,) = [f for f in features if f["geometry"]["type"] == "LineString"]
        assert [p["properties"]["seq"] for p in points] == list(range(len(points)))
        for point in points:
            props = point["properties"]
            assert props["name"] and props["note"], path.name
            assert props["source"].startswith("http"), path.name
        coords = [p["geometry"]["coordinates"] for p in points]
        assert LineString(line["geometry"]["coordinates"]).equals(LineString(coords)), path.name
        assert line["properties"]["uncertainty_km"] > 0
