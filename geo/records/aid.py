"""Soviet material and financial aid to the Ankara government, 1920–1922, as the seed reports it.

The only source in the project is a mirror of the English Wikipedia article on Soviet–Turkish
relations (the seed), which attributes the totals to Soviet documents via a Turkish textbook. The
rows therefore keep the seed's own wording of each figure next to the parsed number, so a
reader can see that nothing was rounded or converted on the way.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from geo.paths import DATA
from geo.records.model import split_list

AID_CSV = DATA / "soviet_aid_1920_1922.csv"
SEED_TITLE = "Soviet Union–Turkey relations (English Wikipedia article, mirrored by TheInfoList)"


@dataclass(frozen=True)
class AidItem:
    id: str
    category: str
    item: str
    quantity: float
    unit: str
    figure: str  # the seed's words for the figure
    source_file: str  # path inside the shared folder
    sources: tuple[str, ...]
    note: str


def load_aid(path: Path = AID_CSV) -> list[AidItem]:
    """Rows in file order, which is the order the seed lists them in."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            AidItem(
                id=row["id"],
                category=row["category"],
                item=row["item"],
                quantity=float(row["quantity"]),
                unit=row["unit"],
                figure=row["figure"],
                source_file=row["source_file"],
                sources=split_list(row["sources"]),
                note=row["note"],
            )
            for row in csv.DictReader(fh)
        ]


def format_quantity(item: AidItem) -> str:
    """Whole numbers with thousands separators; the one fractional figure (gold) kept as given."""
    value = int(item.quantity) if item.quantity.is_integer() else item.quantity
    return f"{value:,} {item.unit}"
