"""Rules between the history tables that no single row's schema can express.

Each rule once lived only in a test over the committed data, so a fork with other data, or a
``BORDERLANDS_DATA`` folder, was never checked against it. Here they run in ``geo.validate``,
every problem named by file and line:

- a union republic names the state it belonged to (``parent``);
- a period held by the Soviet Union names the union republic it sat within (occupations aside),
  and no Soviet period begins before the Union was formed (the ``ussr-formed`` event);
- ``within`` names the member republic, never the Transcaucasian federation that grouped three
  of them from 1922 to 1936 (the map shows the republic a unit belonged to);
- a Straits regime is recorded only on a Straits unit;
- a claim of kind ``treaty-never-in-force`` is not in force and rests on a document marked
  ``never_in_force``.
"""

from __future__ import annotations

from datetime import date

from geo.records.loaders import Tables

SOVIET_UNION = "ussr"
UNION_FORMED_EVENT = "ussr-formed"
FEDERATION = "transcaucasian-sfsr"
UNION_REPUBLIC = "union-republic"
STRAITS_KIND = "straits"
NEVER_IN_FORCE_KIND = "treaty-never-in-force"


def holder_problems(tables: Tables) -> list[str]:
    """A union republic without its state would float free of the Union on the map."""
    return [
        f"holders.csv: union republic {holder.id!r} has no parent"
        for holder in tables.holders.values()
        if holder.kind == UNION_REPUBLIC and not holder.parent
    ]


def union_formed(tables: Tables) -> date | None:
    return next((e.date for e in tables.events if e.id == UNION_FORMED_EVENT), None)


def soviet_problems(tables: Tables) -> list[str]:
    """Soviet periods name their republic and start no earlier than the Union itself."""
    problems = []
    formed = union_formed(tables)
    uses_union = False
    for period in tables.periods:
        where = f"chronology.csv:{period.line}"
        republic = tables.holders.get(period.within)
        in_union = period.holder == SOVIET_UNION or (
            republic is not None and republic.parent == SOVIET_UNION
        )
        uses_union = uses_union or in_union
        if period.holder == SOVIET_UNION and period.status != "occupied" and (
            republic is None or republic.parent != SOVIET_UNION
        ):
            problems.append(f"{where}: a USSR period needs the union republic in within")
        if period.within == FEDERATION:
            problems.append(f"{where}: within names the {FEDERATION!r} federation, not the "
                            "member republic")
        if in_union and formed and period.start < formed:
            problems.append(f"{where}: Soviet period starts {period.start}, before the Union "
                            f"was formed ({formed}, events.csv {UNION_FORMED_EVENT!r})")
    if uses_union and formed is None:
        problems.append(f"events.csv: no {UNION_FORMED_EVENT!r} event to date the Soviet periods")
    return problems


def regime_unit_problems(tables: Tables) -> list[str]:
    """The Straits regimes (Lausanne, Montreux) applied to the Straits zone only."""
    problems = []
    for period in tables.periods:
        unit = tables.units.get(period.unit)
        if period.regime and unit is not None and unit.kind != STRAITS_KIND:
            problems.append(f"chronology.csv:{period.line}: regime {period.regime!r} on "
                            f"{period.unit!r}, which is not a Straits unit")
    return problems


def claim_problems(tables: Tables) -> list[str]:
    """A treaty that never came into force cannot make a claim in force."""
    problems = []
    for claim in tables.claims:
        if claim.kind != NEVER_IN_FORCE_KIND:
            continue
        where = f"claims.csv:{claim.line}"
        if claim.in_force:
            problems.append(f"{where}: a {NEVER_IN_FORCE_KIND} claim must have in_force no")
        document = tables.documents.get(claim.basis_doc)
        if document is not None and not document.dates.never_in_force:
            problems.append(f"{where}: a {NEVER_IN_FORCE_KIND} claim rests on "
                            f"{claim.basis_doc!r}, which is not marked never_in_force")
    return problems


def history_rule_problems(tables: Tables) -> list[str]:
    """Every rule above, in file order."""
    return [
        *holder_problems(tables),
        *soviet_problems(tables),
        *regime_unit_problems(tables),
        *claim_problems(tables),
    ]
