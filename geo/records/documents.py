"""Treaties, notes and records behind the atlas, with quotations that can be proved verbatim.

Each document lives in ``data/documents/<id>.yaml`` (schema: data/schemas/document.json,
explained in docs/DESIGN.md, "Documents"). The
quotations are the only place where treaty wording enters the project, so ``check_quotes`` holds
every one of them against the shared source file it claims to come from: a quotation that is not
an exact substring of that file is a bug, however close it looks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from geo.paths import DATA, shared_dir
from geo.records.file_schema import schema
from geo.records.model import RANGE_END, RANGE_START, parse_date

DOCUMENTS_DIR = DATA / "documents"

KINDS: tuple[str, ...] = tuple(schema("document")["properties"]["kind"]["enum"])
# A reviewer opening any document file sees what it is first.
LEADING_KEYS = ["id", "title", "short_title"]


@dataclass(frozen=True)
class Quote:
    """A verbatim extract; ``gloss`` is our own-words rendering of a non-English quote."""

    file: str
    text: str
    gloss: str | None = None
    note: str | None = None
    source_url: str | None = None  # the page of a combined source file this passage comes from


@dataclass(frozen=True)
class Article:
    """One article (or section) of a document as the atlas presents it.

    ``summary`` is always our own words; ``quotes`` may be empty when the article's wording was
    not captured. ``show_on_map`` is the day a "Show on map" link opens and ``show_on_map_note``
    says why that day was chosen.
    """

    article: str
    title: str
    summary: str
    regions: tuple[str, ...]
    show_on_map: dt.date | None
    show_on_map_note: str | None
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class TextSource:
    file: str
    language: str
    edition: str
    completeness: str


@dataclass(frozen=True)
class DocumentDates:
    """Signature, ratification and entry into force stay apart: sources often mix them up."""

    signed: dt.date | None
    ratified: dt.date | None
    in_force: dt.date | None
    never_in_force: bool
    note: str
    ratified_source: str = ""  # the page a ratification date rests on; required with the date


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    short_title: str
    kind: str
    dates: DocumentDates
    parties: tuple[str, ...]
    summary: str
    context: str | None
    texts: tuple[TextSource, ...]
    articles: tuple[Article, ...]
    sources: tuple[str, ...]
    title_effect: str = ""

    @property
    def quotes(self) -> list[Quote]:
        return [q for a in self.articles for q in a.quotes]

    def article(self, number: str) -> Article | None:
        return next((a for a in self.articles if a.article == number), None)

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        """Every list of documents: oldest signature first, undated last, ties by id."""
        return (self.dates.signed or dt.date.max, self.id)


def _date(value: object) -> dt.date | None:
    """YAML turns bare ISO dates into ``date`` objects; quoted ones stay strings."""
    if value is None or isinstance(value, dt.date):
        return value
    return parse_date(str(value))


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _quote(raw: dict) -> Quote:
    return Quote(
        file=str(raw["file"]),
        text=str(raw["text"]),
        gloss=_opt_str(raw.get("gloss")),
        note=_opt_str(raw.get("note")),
        source_url=_opt_str(raw.get("source_url")),
    )


def _article(raw: dict) -> Article:
    return Article(
        article=str(raw["article"]),
        title=str(raw.get("title") or ""),
        summary=str(raw["summary"]),
        regions=tuple(str(r) for r in raw.get("regions") or ()),
        show_on_map=_date(raw.get("show_on_map")),
        show_on_map_note=_opt_str(raw.get("show_on_map_note")),
        quotes=tuple(_quote(q) for q in raw.get("quotes") or ()),
    )


def parse_document(raw: dict) -> Document:
    """Build a ``Document`` from the mapping read from one YAML file (KeyError if incomplete)."""
    dates = raw["dates"]
    return Document(
        id=str(raw["id"]),
        title=str(raw["title"]),
        short_title=str(raw["short_title"]),
        kind=str(raw["kind"]),
        dates=DocumentDates(
            signed=_date(dates.get("signed")),
            ratified=_date(dates.get("ratified")),
            in_force=_date(dates.get("in_force")),
            never_in_force=bool(dates.get("never_in_force", False)),
            note=str(dates.get("note") or ""),
            ratified_source=str(dates.get("ratified_source") or ""),
        ),
        parties=tuple(str(p) for p in raw["parties"]),
        summary=str(raw["summary"]),
        context=_opt_str(raw.get("context")),
        texts=tuple(
            TextSource(
                file=str(t["file"]),
                language=str(t["language"]),
                edition=str(t["edition"]),
                completeness=str(t["completeness"]),
            )
            for t in raw.get("texts") or ()
        ),
        articles=tuple(_article(a) for a in raw.get("articles") or ()),
        sources=tuple(str(s) for s in raw.get("sources") or ()),
        title_effect=str(raw.get("title_effect") or ""),
    )


def document_problems(doc: Document, file_stem: str, known_regions: set[str]) -> list[str]:
    """Rules across the fields of one document; its shape is data/schemas/document.json."""
    problems: list[str] = []

    def problem(message: str) -> None:
        problems.append(f"{doc.id}: {message}")

    if doc.id != file_stem:
        problem(f"id differs from file name {file_stem!r}")
    for later in (doc.dates.ratified, doc.dates.in_force):
        if later and doc.dates.signed and later < doc.dates.signed:
            problem(f"date {later} precedes signature")
    languages = {t.file: t.language for t in doc.texts}
    seen: set[str] = set()
    for art in doc.articles:
        if art.article in seen:
            problem(f"article {art.article} listed twice")
        seen.add(art.article)
        unknown = set(art.regions) - known_regions
        if unknown:
            problem(f"article {art.article}: unknown regions {sorted(unknown)}")
        if art.show_on_map and not RANGE_START <= art.show_on_map <= RANGE_END:
            problem(f"article {art.article}: show_on_map {art.show_on_map} is outside the map's "
                    f"range ({RANGE_START} to {RANGE_END})")
        for quote in art.quotes:
            if quote.file not in languages:
                problem(f"article {art.article}: quote from {quote.file} not listed in texts")
            elif languages[quote.file] != "en" and not quote.gloss:
                problem(f"article {art.article}: {languages[quote.file]} quote without an English "
                        "gloss")
    return problems


FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
EDITORIAL_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
COMPILER_NOTE = "### Compiler's note"
EDITORIAL_MARKERS = ("gap in source", "omitted…]", "not retrievable")
SEPARATOR = "\x00"


def quotable_text(raw: str) -> str:
    """The part of a shared text file that is source wording, not the compiler's apparatus.

    Front matter, editorial comments and the closing compiler's note describe the source in the
    compiler's words, so a match there would prove nothing. They are replaced by a separator
    rather than deleted, so that no quotation can match across the place where they stood.
    """
    body = FRONT_MATTER.sub(SEPARATOR, raw, count=1)
    body = EDITORIAL_COMMENT.sub(SEPARATOR, body)
    return body.split(COMPILER_NOTE, 1)[0]


def _source_text(path: Path, cache: dict[Path, str | None]) -> str | None:
    if path not in cache:
        raw = path.read_text(encoding="utf-8") if path.is_file() else None
        cache[path] = None if raw is None else quotable_text(raw)
    return cache[path]


def check_quotes(documents: dict[str, Document], shared: Path | None = None) -> list[str]:
    """One problem per listed text that is missing and per quotation not verbatim in its source.

    When the shared folder is absent (a bare checkout) nothing can be proved either way, so the
    result is a single line starting with ``"skipped:"`` rather than a false alarm per quote.
    """
    root = shared_dir() if shared is None else shared
    if not (root / "sources").is_dir():
        return [f"skipped: shared folder {root} not found, quotations not checked"]
    cache: dict[Path, str | None] = {}
    problems: list[str] = []
    for doc in documents.values():
        for text in doc.texts:
            if not (root / text.file).is_file():
                problems.append(f"{doc.id}: listed text {text.file} not found")
        for art in doc.articles:
            for quote in art.quotes:
                where = f"{doc.id} art. {art.article}"
                source = _source_text(root / quote.file, cache)
                if source is None:
                    problems.append(f"{where}: source file {quote.file} not found")
                elif any(marker in quote.text for marker in EDITORIAL_MARKERS):
                    problems.append(f"{where}: quote runs into a gap marker: {quote.text[:60]!r}")
                elif quote.text not in source:
                    problems.append(f"{where}: not verbatim in {quote.file}: {quote.text[:60]!r}")
    return problems
