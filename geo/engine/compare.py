"""What changed between two dates, unit by unit, with the area that changed hands.

The comparison reads two states from the engine rather than walking the chronology itself, so it
agrees with the map by construction, and counts as a change what the map shows as one
(``model.map_changes``). Areas are the pipeline's ``area_km2`` of each unit (equal-area, in km²),
so Compare, the data files and the downloads give the same number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from geo.records.model import kind_rank, map_changes

# Pairs a seminar asks for most often: before the war against after the Kars settlement, and
# the last year of the Lausanne regime against the height of the 1946 Straits crisis.
PRESETS: dict[str, tuple[date, date]] = {
    "1914 vs 1922": (date(1914, 6, 1), date(1922, 1, 1)),
    "1936 vs 1946": (date(1936, 6, 1), date(1946, 9, 1)),
}


@dataclass(frozen=True)
class Side:
    """How one unit stood on one of the two dates."""

    holder: str
    holder_name: str
    within: str
    status: str
    regime: str


@dataclass(frozen=True)
class Difference:
    """One unit whose holder, union republic, status or Straits regime differs."""

    unit: str
    name: str
    kind: str
    before: Side
    after: Side
    fields: tuple[str, ...]
    area_km2: float
    changed_on: date
    basis_doc: str
    basis_article: str
    basis_text: str
    steps: int

    @property
    def holder_changed(self) -> bool:
        return "holder" in self.fields


@dataclass(frozen=True)
class ClaimDifference:
    """A claim overlay present on one date and not on the other."""

    unit: str
    name: str
    claimant: str
    kind: str
    appeared: bool
    basis_doc: str
    basis_text: str


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def _text(obj: Any, name: str) -> str:
    value = _get(obj, name)
    return "" if value is None else str(value)


def holder_name(atlas: Any, holder_id: str) -> str:
    holder = atlas.holders.get(holder_id) if holder_id else None
    if holder is None:
        return holder_id
    return _text(holder, "short_name") or _text(holder, "name") or holder_id


def unit_name(atlas: Any, unit_id: str) -> str:
    return _text(atlas.units.get(unit_id), "name_en") or unit_id


def _side(atlas: Any, period: Any) -> Side:
    holder = _text(period, "holder")
    return Side(
        holder=holder,
        holder_name=holder_name(atlas, holder),
        within=_text(period, "within"),
        status=_text(period, "status"),
        regime=_text(period, "regime"),
    )


def unit_area(atlas: Any, unit_id: str) -> float:
    """The pipeline's area of the unit in km² (0 where the geometry is not built)."""
    unit = atlas.units.get(unit_id)
    return float(unit.area_km2) if unit is not None and unit.area_km2 is not None else 0.0


def _steps_between(atlas: Any, unit: str, a: date, b: date) -> int:
    lo, hi = min(a, b), max(a, b)
    return sum(1 for p in atlas.history(unit) if lo < _get(p, "start") <= hi)


def differences(atlas: Any, a: date, b: date) -> list[Difference]:
    """Units that differ between date ``a`` and date ``b``: borderland units first, then the
    surrounding context, each group largest area first.

    The basis reported is that of the period in force on the later date: the act that left the
    unit as it stands there. ``steps`` counts the changes in between, so a lecturer can see
    when "from → to" hides several intermediate rulers.
    """
    before_state, after_state = atlas.state_at(a), atlas.state_at(b)
    out: list[Difference] = []
    for unit_id in sorted(after_state.units):
        if unit_id not in before_state.units:
            continue
        old = before_state.units[unit_id].period
        new = after_state.units[unit_id].period
        fields = map_changes(old, new)
        if not fields:
            continue
        later = new if b >= a else old
        out.append(
            Difference(
                unit=unit_id,
                name=unit_name(atlas, unit_id),
                kind=_text(atlas.units.get(unit_id), "kind"),
                before=_side(atlas, old),
                after=_side(atlas, new),
                fields=fields,
                area_km2=unit_area(atlas, unit_id),
                changed_on=_get(later, "start"),
                basis_doc=_text(later, "basis_doc"),
                basis_article=_text(later, "basis_article"),
                basis_text=_text(later, "basis_text"),
                steps=_steps_between(atlas, unit_id, a, b),
            )
        )
    out.sort(key=lambda d: (kind_rank(d.kind), -d.area_km2, d.unit))
    return out


def _claim_keys(unit_state: Any) -> dict[tuple[str, str], Any]:
    claims = _get(unit_state, "claims") or []
    return {(_text(c, "claimant"), _text(c, "kind")): c for c in claims}


def claim_differences(atlas: Any, a: date, b: date) -> list[ClaimDifference]:
    """Claims that appear or disappear between the two dates (they never change the holder)."""
    before_state, after_state = atlas.state_at(a), atlas.state_at(b)
    out: list[ClaimDifference] = []
    for unit_id in sorted(after_state.units):
        old = _claim_keys(before_state.units.get(unit_id))
        new = _claim_keys(after_state.units[unit_id])
        for key in sorted(set(old) ^ set(new)):
            claim = new.get(key) or old[key]
            out.append(
                ClaimDifference(
                    unit=unit_id,
                    name=unit_name(atlas, unit_id),
                    claimant=holder_name(atlas, key[0]),
                    kind=key[1],
                    appeared=key in new,
                    basis_doc=_text(claim, "basis_doc"),
                    basis_text=_text(claim, "basis_text"),
                )
            )
    return out


def transfer_totals(diffs: list[Difference]) -> list[tuple[str, str, float]]:
    """Area that passed from one holder to another, summed over units (largest first)."""
    totals: dict[tuple[str, str], float] = {}
    for d in diffs:
        if d.holder_changed:
            key = (d.before.holder_name, d.after.holder_name)
            totals[key] = totals.get(key, 0.0) + d.area_km2
    return sorted(
        ((a, b, round(v, 1)) for (a, b), v in totals.items()), key=lambda t: (-t[2], t[0], t[1])
    )
