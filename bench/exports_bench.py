"""How long each take-away export takes to make, and how big it is.

Times, on the real data and in one process (as the app makes them on a button click):
  the time-enabled layer (GeoPackage with both layers; GeoJSON of periods and of claims) and
  slide images (PNG and SVG at 1920x1080 and 1280x720, Caucasus frontier with Kars outlined,
  and the whole region). Each is made once to warm caches (fonts, basemap), then ``--runs``
  times; the median and the slowest run are printed with the file size. The last line is
  ``RESULT {json}``. Numbers are wall-clock and depend on the machine's load.

Usage: ``.venv/bin/python bench/exports_bench.py [--runs N]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.engine.timeline import Atlas  # noqa: E402
from geo.web import slides, timelayer  # noqa: E402

DAY = date(1921, 10, 13)


def measure(make: Callable[[], bytes], runs: int) -> dict[str, float]:
    size = len(make())  # warm-up, and the size
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        make()
        times.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(times)), "max_ms": round(max(times)),
            "kb": round(size / 1024)}  # fmt: skip


def cases(atlas: Atlas) -> dict[str, Callable[[], bytes]]:
    def geojson(layer: str) -> Callable[[], bytes]:
        return lambda: timelayer.geojson_text(timelayer.layers(atlas)[layer]).encode("utf-8")

    def slide(fmt: str, size: str, view: str, regions: tuple[str, ...]) -> Callable[[], bytes]:
        spec = slides.SlideSpec(DAY, regions, view, slides.SIZES[size])
        return lambda: slides.render(atlas, spec, fmt)

    found: dict[str, Callable[[], bytes]] = {
        "time layer GeoPackage": lambda: timelayer.geopackage_bytes(atlas),
        "time layer GeoJSON periods": geojson(timelayer.PERIODS_LAYER),
        "time layer GeoJSON claims": geojson(timelayer.CLAIMS_LAYER),
    }
    for view, regions in (("Caucasus frontier", ("kars",)), ("Whole region", ())):
        for fmt in slides.FORMATS:
            for size in slides.SIZES:
                found[f"slide {fmt.upper()} {size} {view}"] = slide(fmt, size, view, regions)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    atlas = Atlas.load()
    print(f"atlas loaded in {(time.perf_counter() - start) * 1000:.0f} ms")
    results = {}
    print(f"{'export':48} {'median ms':>10} {'max ms':>8} {'kB':>7}")
    for name, make in cases(atlas).items():
        result = results[name] = measure(make, args.runs)
        print(f"{name:48} {result['median_ms']:>10} {result['max_ms']:>8} {result['kb']:>7}")
    print("RESULT " + json.dumps(results, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
