"""How much weight each cited source can bear: one class per URL, kept in ``data/sources.csv``.

A date resting on a treaty text and one resting on a forum post look the same in a list of links.
Every URL cited anywhere in ``data/`` therefore gets a class, ``geo.validate`` refuses a URL
without one, the pages show the class as a badge, and ``fact_counts`` says how many facts rest
only on the weak classes (secondary web pages, forum posts and news items).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.messages import N_
from geo.paths import DATA
from geo.records.loaders import Tables
from geo.records.model import Claim, Event, Period, split_list

SOURCES_CSV = "sources.csv"
# Strongest first: a fact is as strong as the strongest source it cites.
CLASSES: dict[str, str] = {
    "primary-text": N_("Primary text"),
    "official-publication": N_("Official publication"),
    "scholarly-work": N_("Scholarly work"),
    "encyclopedia": N_("Encyclopedia"),
    "secondary-web": N_("Secondary web page"),
    "forum-news": N_("Forum post or news item"),
}
CLASS_HELP: dict[str, str] = {
    "primary-text": N_("the document itself, or an archive copy or transcription of it"),
    "official-publication": N_("published by a government or international body (e.g. FRUS)"),
    "scholarly-work": N_("a book, journal article or academic study"),
    "encyclopedia": N_("a reference work or one of its copies (Wikipedia, Britannica, BRE)"),
    "secondary-web": N_("a web page of unknown authority (blogs, local sites, timelines)"),
    "forum-news": N_("a forum post, newspaper or news site (including op-eds)"),
}
WEAK = ("secondary-web", "forum-news")
# Tables whose rows cite sources, with the column that holds them; facts are counted in the first
# four (periods, claims, events and aid figures), the others only need a class for every URL.
CITING_TABLES = {
    "soviet_aid_1920_1922.csv": "sources",
    "search_aliases.csv": "sources",
    "recipes/places.csv": "source",
}


@dataclass(frozen=True)
class SourceClass:
    url: str
    source_class: str
    note: str = ""

    @property
    def label(self) -> str:
        return CLASSES.get(self.source_class, self.source_class)

    @property
    def weak(self) -> bool:
        return self.source_class in WEAK


def load_source_classes(data_dir: Path = DATA) -> dict[str, SourceClass]:
    """``url -> class``; an absent file gives an empty mapping (validate reports every URL)."""
    path = data_dir / SOURCES_CSV
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["url"]: SourceClass(row["url"], row["class"], row.get("note", ""))
            for row in csv.DictReader(handle)
        }


def _table_urls(data_dir: Path) -> Iterator[tuple[str, str]]:
    for name, column in CITING_TABLES.items():
        path = data_dir / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                for url in split_list(row.get(column) or ""):
                    yield url, f"{name}:{line}"


def cited_urls(tables: Tables, data_dir: Path = DATA) -> dict[str, str]:
    """Every URL cited in ``data/``, with the first place that cites it."""
    found: dict[str, str] = {}

    def add(urls: Iterable[str], where: str) -> None:
        for url in urls:
            found.setdefault(url, where)

    for unit in tables.units.values():
        add(unit.sources, f"units.csv: {unit.id}")
    for holder in tables.holders.values():
        add(holder.sources, f"holders.csv: {holder.id}")
    for period in tables.periods:
        add(period.sources, f"chronology.csv:{period.line}")
    for claim in tables.claims:
        add(claim.sources, f"claims.csv:{claim.line}")
    for event in tables.events:
        add(event.sources, f"events.csv:{event.line}")
    for doc in tables.documents.values():
        where = f"documents/{doc.id}"
        add(doc.sources, where)
        add([doc.dates.ratified_source] if doc.dates.ratified_source else [], where)
        add([q.source_url for q in doc.quotes if q.source_url], where)
    for url, where in _table_urls(data_dir):
        found.setdefault(url, where)
    return found


def source_class_problems(tables: Tables, data_dir: Path = DATA) -> list[str]:
    """A class for every cited URL, only known classes, sorted rows, no stale rows."""
    classes = load_source_classes(data_dir)
    problems = []
    if not (data_dir / SOURCES_CSV).is_file():
        problems.append(f"{SOURCES_CSV}: file is missing")
    urls = list(classes)
    if urls != sorted(urls):
        problems.append(f"{SOURCES_CSV}: rows are not sorted by url")
    for record in classes.values():
        if record.source_class not in CLASSES:
            problems.append(f"{SOURCES_CSV}: {record.url}: class {record.source_class!r} is not "
                            f"one of {', '.join(CLASSES)}")
    cited = cited_urls(tables, data_dir)
    for url, where in sorted(cited.items()):
        if url not in classes:
            problems.append(f"{where}: source {url} has no class in {SOURCES_CSV}")
    for url in sorted(set(classes) - set(cited)):
        problems.append(f"{SOURCES_CSV}: {url} is not cited anywhere")
    return problems


def strongest(urls: Iterable[str], classes: dict[str, SourceClass]) -> str:
    """The strongest class among ``urls`` (unclassified URLs count as secondary web pages)."""
    order = list(CLASSES)
    ranks = [order.index(classes[u].source_class) if u in classes else order.index("secondary-web")
             for u in urls]
    return order[min(ranks)] if ranks else "secondary-web"


def fact_counts(tables: Tables, classes: dict[str, SourceClass],
                data_dir: Path = DATA) -> Counter[str]:
    """Facts (chronology periods, claims, events, aid figures) by their strongest source class."""
    counts: Counter[str] = Counter()
    records: list[Period | Claim | Event] = [*tables.periods, *tables.claims, *tables.events]
    for record in records:
        counts[strongest(record.sources, classes)] += 1
    aid_path = data_dir / "soviet_aid_1920_1922.csv"
    if aid_path.is_file():
        with aid_path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                counts[strongest(split_list(row["sources"]), classes)] += 1
    return counts
