"""Command line: who held each unit on a given day, and why.

    python -m geo.query --date 1921-10-13 [--unit kars] [--json]

The same records the map shows, in a form that can be checked by hand or piped into other tools.
Usage errors (bad date, date outside the study range, unknown unit) print one line on stderr and
exit with status 2, so scripts can tell them apart from data problems (status 1).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from geo.engine.timeline import Atlas, DataError, check_in_range
from geo.engine.unit_record import unit_record
from geo.paths import DATA
from geo.records.model import parse_date

USAGE_ERROR = 2
DATA_ERROR = 1


class UsageError(Exception):
    """A mistake in the command line, reported as a single line."""


def format_table(records: list[dict[str, Any]]) -> str:
    """Aligned plain-text columns; the basis, often long, is left whole at the end of the line."""
    headers = ("unit", "holder", "status", "since", "until", "claims", "basis")
    rows = [headers]
    for record in records:
        basis = record["basis"]
        article = f" art. {basis['article']}" if basis["article"] else ""
        cited = f"{basis['document']}{article}".strip()
        claims = "; ".join(claim["claimant_name"] for claim in record["claims"])
        rows.append(
            (
                record["unit"],
                record["holder_name"],
                record["status_label"],
                record["since"],
                record["until"] or "-",
                claims or "-",
                f"{basis['text']} [{cited}]" if cited else basis["text"],
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(headers) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]])
        for row in rows
    )


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m geo.query", description="Show who held each unit on a given day."
    )
    parser.add_argument("--date", required=True, help="day to show, YYYY-MM-DD")
    parser.add_argument("--unit", help="show only this unit id")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument("--data", type=Path, default=DATA, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> str:
    try:
        day = parse_date(args.date, "--date")
        check_in_range(day)
    except ValueError as error:
        raise UsageError(str(error)) from None
    atlas = Atlas.load(args.data)
    state = atlas.state_at(day)
    if args.unit is not None and args.unit not in atlas.units:
        raise UsageError(f"--unit: unknown unit {args.unit!r}")
    if args.unit is not None and args.unit not in state.units:
        raise DataError(f"unit {args.unit!r} has no holder on {day} (run python -m geo.validate)")
    unit_ids = [args.unit] if args.unit else sorted(state.units)
    records = [unit_record(atlas, state, uid) for uid in unit_ids]
    if args.json:
        return json.dumps(records, ensure_ascii=False, indent=2)
    return format_table(records)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    try:
        print(run(args))
    except UsageError as error:
        print(f"geo.query: {error}", file=sys.stderr)
        return USAGE_ERROR
    except DataError as error:
        print(f"geo.query: {error}", file=sys.stderr)
        return DATA_ERROR
    return 0


if __name__ == "__main__":
    sys.exit(main())
