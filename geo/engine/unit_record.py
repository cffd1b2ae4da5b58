"""The one description of a unit on a day: who held it, how, on what basis, and who claimed it.

``unit_record`` is what ``python -m geo.query --json`` prints and what the GeoJSON export flattens
into feature properties (``flat_record``), and what the live map's unit texts and styles start
from (``geo.web.mapview.StateLayers``), so the command line, the map and the downloads cannot drift.
Values are plain text and JSON-ready (dates as ISO strings); whoever puts them into HTML escapes.
"""

from __future__ import annotations

from typing import Any

from geo.engine.timeline import Atlas
from geo.records.model import Claim, Period, State


def basis_record(document: str, article: str, text: str) -> dict[str, str]:
    return {"document": document, "article": article, "text": text}


def claim_record(atlas: Atlas, claim: Claim) -> dict[str, Any]:
    return {
        "claimant": claim.claimant,
        "claimant_name": atlas.claimant_name(claim),
        "kind": claim.kind,
        "in_force": bool(claim.in_force),
        "extent": claim.extent,
        "basis": basis_record(claim.basis_doc, claim.basis_article, claim.basis_text),
    }


def unit_record(atlas: Atlas, state: State, unit_id: str) -> dict[str, Any]:
    """One unit on the state's day, as a JSON-ready dict (dates as ISO strings)."""
    unit_state = state.units[unit_id]
    period: Period = unit_state.period
    unit = atlas.units.get(unit_id)
    return {
        "unit": unit_id,
        "name": unit.name_en if unit else unit_id,
        "date": state.date.isoformat(),
        "holder": period.holder,
        "holder_name": atlas.holder_name(period.holder, period.within),
        "within": period.within,
        "status": period.status,
        "status_label": period.status_label,
        "regime": period.regime,
        "basis": basis_record(period.basis_doc, period.basis_article, period.basis_text),
        "since": period.start.isoformat(),
        "until": period.end.isoformat() if period.end else None,
        "certainty": period.certainty,
        "sources": list(period.sources),
        "uncertainty_km": unit.uncertainty_km if unit else None,
        "resolution": unit.resolution if unit else "",
        "claims": [claim_record(atlas, claim) for claim in unit_state.claims],
    }


def flat_record(record: dict[str, Any]) -> dict[str, Any]:
    """``unit_record`` with one value per key, for GIS attribute tables (QGIS, GeoPandas)."""
    basis = record["basis"]
    return {
        "id": record["unit"],
        "name": record["name"],
        "date": record["date"],
        "holder": record["holder"],
        "holder_name": record["holder_name"],
        "within": record["within"],
        "status": record["status"],
        "regime": record["regime"],
        "basis": basis["text"],
        "basis_doc": basis["document"],
        "basis_article": basis["article"],
        "period_start": record["since"],
        "period_end": record["until"] or "",
        "certainty": record["certainty"],
        "source": " | ".join(record["sources"]),
        "uncertainty_km": record["uncertainty_km"],
        "resolution": record["resolution"],
        "claims": "; ".join(
            f"{c['claimant_name']} ({c['kind']})" for c in record["claims"]
        ),
    }
