"""GeoJSON layers for one distinct state of the map, built once and reused.

Only a few dozen distinct maps exist in the whole study range, so each is turned into GeoJSON the
first time it is asked for and kept, keyed by ``State.key``; a slider step that lands on a state
seen before costs a dictionary lookup. Geometry is passed through exactly as committed in
``data/units.geojson`` so that what is drawn is what was validated.

Property values are plain text, not HTML: whoever puts them into a tooltip or popup must escape
them (``geo.web.mapview`` does). The dictionaries are shared between callers and must not be
modified; ``json.loads`` of the ``*_json`` strings gives a private copy (folium writes into the
data it is given).
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping, shape

from geo.engine.timeline import Atlas
from geo.records.model import State

COORDINATE_DECIMALS = 5

FeatureCollection = dict[str, Any]


@dataclass(frozen=True)
class StateLayers:
    """``units``: one feature per unit with display properties; ``holders``: dissolved by holder."""

    key: int
    units: FeatureCollection
    holders: FeatureCollection
    units_json: str
    holders_json: str


_cache: weakref.WeakKeyDictionary[Atlas, dict[int, StateLayers]] = weakref.WeakKeyDictionary()


def unit_properties(atlas: Atlas, state: State, unit_id: str) -> dict[str, Any]:
    """The one description of a unit on a day; the map view and the layers both start here."""
    unit_state = state.units[unit_id]
    period = unit_state.period
    unit = atlas.units.get(unit_id)
    return {
        "unit": unit_id,
        "name": unit.name_en if unit else unit_id,
        "kind": unit.kind if unit else "",
        "holder": period.holder,
        "holder_name": atlas.holder_name(period.holder, period.within),
        "within": period.within,
        "status": period.status,
        "status_label": period.status_label,
        "regime": period.regime,
        "since": period.start.isoformat(),
        "until": period.end.isoformat() if period.end else "",
        "basis_doc": period.basis_doc,
        "claims": "; ".join(
            f"{atlas.claimant_name(claim)} ({claim.kind.replace('-', ' ')}"
            f"{', extent inferred' if claim.extent_inferred else ''})"
            for claim in unit_state.claims
        ),
        "claimants": sorted({claim.claimant for claim in unit_state.claims}),
        "claim_details": [
            {
                "claimant": claim.claimant,
                "claimant_name": atlas.claimant_name(claim),
                "kind": claim.kind,
                "in_force": bool(claim.in_force),
                "extent": claim.extent,
            }
            for claim in unit_state.claims
        ],
        "certainty": period.certainty,
        "uncertainty_km": unit.uncertainty_km if unit else None,
        "resolution": unit.resolution if unit else "",
    }


def rounded(geometry: shapely.Geometry) -> dict[str, Any]:
    """GeoJSON of a union; rounding only removes float noise, the vertices are the inputs'."""
    snapped = shapely.transform(geometry, lambda xy: np.round(xy, COORDINATE_DECIMALS))
    return mapping(snapped)


def build_layers(atlas: Atlas, state: State) -> StateLayers:
    drawn = [uid for uid in sorted(state.units) if uid in atlas.geometries]
    unit_features = [
        {
            "type": "Feature",
            "id": uid,
            "properties": unit_properties(atlas, state, uid),
            "geometry": atlas.geometries[uid],
        }
        for uid in drawn
    ]
    by_holder: dict[str, list[str]] = {}
    for uid in drawn:
        by_holder.setdefault(state.units[uid].period.holder, []).append(uid)
    holder_features = []
    for holder_id in sorted(by_holder):
        members = by_holder[holder_id]
        union = shapely.coverage_union_all([shape(atlas.geometries[uid]) for uid in members])
        holder_features.append(
            {
                "type": "Feature",
                "id": holder_id,
                "properties": {
                    "holder": holder_id,
                    "holder_name": atlas.holder_name(holder_id),
                    "units": members,
                },
                "geometry": rounded(union),
            }
        )
    units = {"type": "FeatureCollection", "features": unit_features}
    holders = {"type": "FeatureCollection", "features": holder_features}
    return StateLayers(
        key=state.key,
        units=units,
        holders=holders,
        units_json=json.dumps(units, ensure_ascii=False, separators=(",", ":")),
        holders_json=json.dumps(holders, ensure_ascii=False, separators=(",", ":")),
    )


def state_layers(atlas: Atlas, state: State) -> StateLayers:
    """Layers for ``state``, built on first use and cached per atlas and state key."""
    per_atlas = _cache.setdefault(atlas, {})
    layers = per_atlas.get(state.key)
    if layers is None:
        layers = per_atlas[state.key] = build_layers(atlas, state)
    return layers
