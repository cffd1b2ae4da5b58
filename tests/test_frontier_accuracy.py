"""The 1925 Turkish–Soviet frontier as drawn must match the modern border it became.

The frontier fixed at Moscow and Kars in 1921 is, with minor later adjustments, today's border of
Turkey with Georgia, Armenia and Azerbaijan (Nakhchivan). Natural Earth's modern boundary is
therefore an independent check on our geometry: if the line drawn between units held by Turkey
and units held by the Soviet state on 1925-01-01 strays from it by more than a few kilometres,
a unit was cut wrongly or assigned to the wrong side.

Run with ``-s`` to see the measured distance.
"""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import shape

from geo.engine.timeline import Atlas
from geo.paths import DATA, shared_dir

DAY = date(1925, 1, 1)
TOLERANCE_KM = 5.0
SOVIET_STATES = {"ussr", "soviet-russia"}
NEIGHBOURS = {"GEO", "ARM", "AZE"}
# Azimuthal equidistant projection centred on the frontier: distances in metres, true to a few
# parts in ten thousand over the 300 km the frontier spans.
METRIC = "+proj=aeqd +lat_0=41 +lon_0=43 +datum=WGS84 +units=m +no_defs"
SNAP_DEGREES = 1e-4
SEGMENT_METRES = 250.0


def shared_line(mine: shapely.Geometry, theirs: shapely.Geometry) -> shapely.Geometry:
    """The part of ``mine``'s outline that runs along ``theirs`` (tolerant to float noise)."""
    touching = shapely.intersection(mine.boundary, theirs.buffer(SNAP_DEGREES))
    lines = [part for part in shapely.get_parts(touching) if part.length > 0]
    return shapely.line_merge(shapely.union_all(lines))


def in_metres(geometry: shapely.Geometry) -> shapely.Geometry:
    """Project, then add vertices every 250 m so the Hausdorff distance is not underestimated."""
    transformer = Transformer.from_crs("EPSG:4326", METRIC, always_xy=True)

    def project(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))

    return shapely.segmentize(shapely.transform(geometry, project), SEGMENT_METRES)


def drawn_frontier(atlas: Atlas) -> shapely.Geometry:
    soviet = set(SOVIET_STATES) | {
        holder.id for holder in atlas.holders.values() if holder.parent in SOVIET_STATES
    }
    state = atlas.state_at(DAY)
    sides: dict[str, list[shapely.Geometry]] = {"turkey": [], "soviet": []}
    for unit_id, unit_state in state.units.items():
        holder = unit_state.period.holder
        side = "turkey" if holder == "turkey" else "soviet" if holder in soviet else None
        if side and unit_id in atlas.geometries:
            sides[side].append(shape(atlas.geometries[unit_id]))
    assert sides["turkey"] and sides["soviet"], f"no Turkish or Soviet units on {DAY}"
    return shared_line(shapely.union_all(sides["turkey"]), shapely.union_all(sides["soviet"]))


def reference_frontier() -> shapely.Geometry:
    path = shared_dir() / "sources" / "geo" / "ne_10m_admin0.geojson"
    countries = json.loads(path.read_text(encoding="utf-8"))["features"]
    by_code = {c["properties"]["ADM0_A3"]: shape(c["geometry"]) for c in countries}
    neighbours = shapely.union_all([by_code[code] for code in sorted(NEIGHBOURS)])
    return shared_line(by_code["TUR"], neighbours)


def test_1925_frontier_matches_modern_border() -> None:
    if not (shared_dir() / "sources" / "geo" / "ne_10m_admin0.geojson").is_file():
        pytest.skip("shared folder with Natural Earth admin0 is absent")
    ours = drawn_frontier(Atlas.load(DATA))
    assert not ours.is_empty, f"no Turkish-Soviet frontier drawn on {DAY}"
    reference = reference_frontier()
    ours_m, reference_m = in_metres(ours), in_metres(reference)
    distance_km = shapely.hausdorff_distance(ours_m, reference_m) / 1000
    message = (
        f"1925 Turkish-Soviet frontier vs Natural Earth's modern border: Hausdorff distance "
        f"{distance_km:.2f} km (ours {ours_m.length / 1000:.0f} km long, "
        f"reference {reference_m.length / 1000:.0f} km)"
    )
    print(message)
    assert distance_km <= TOLERANCE_KM, message
