"""Ready-to-copy citations for a document page or a map view, as text, BibTeX and CSL-JSON.

A reader who quotes the atlas must be able to say exactly what they saw: which document (and in
which edition), which map date and region, at which URL, and which version of the data — the
chronology changes as errors are fixed, so a citation without the data version cannot be checked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from geo.records.documents import Document

PUBLISHER = "Borderlands Atlas"

# BibTeX entry types have no "treaty"; CSL 1.0.2 does, and "map" for a map view.
CSL_TYPES = {
    "treaty": "treaty",
    "convention": "treaty",
    "protocol": "treaty",
    "armistice": "treaty",
    "award": "legal_case",
    "address": "speech",
    "map": "map",
}

_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


@dataclass(frozen=True)
class Citable:
    """What any citation needs, whether it points at a document or at a map view."""

    key: str
    kind: str  # a document kind from DESIGN.md, or "map"
    title: str
    issued: date | None
    url: str
    authors: tuple[str, ...] = ()
    edition: str = ""
    note: str = ""
    data_version: str = ""
    accessed: date | None = None


def escape_bibtex(text: str) -> str:
    """Escape LaTeX specials so that any title or party name keeps the entry parseable."""
    return "".join(_BIBTEX_ESCAPES.get(ch, ch) for ch in text)


def bibtex_key(text: str) -> str:
    """Reduce an id to the characters every BibTeX implementation accepts in a key."""
    return re.sub(r"[^A-Za-z0-9_:-]", "-", text) or "atlas"


def _url_field(url: str) -> str:
    # A URL is read verbatim by biblatex, so only characters that would unbalance the entry or
    # start a comment are percent-encoded.
    return url.replace("%", "%25").replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def as_text(item: Citable) -> str:
    """One plain-text citation line in a conventional author–title–date–URL order."""
    parts = []
    if item.authors:
        parts.append("; ".join(item.authors) + ".")
    parts.append(f"“{item.title}”")
    if item.issued:
        parts.append(f"{item.issued.isoformat()}.")
    if item.edition:
        parts.append(f"{item.edition}.")
    parts.append(f"In: {PUBLISHER}")
    if item.data_version:
        parts.append(f"(data version {item.data_version})")
    parts.append(f"— {item.url}")
    if item.accessed:
        parts.append(f"(accessed {item.accessed.isoformat()})")
    return " ".join(parts)


def as_bibtex(item: Citable) -> str:
    fields: list[tuple[str, str]] = [("title", "{" + escape_bibtex(item.title) + "}")]
    if item.authors:
        # Each party is a corporate author: double braces stop name parsing ("Turkey (GNA)").
        fields.append(
            ("author", " and ".join("{" + escape_bibtex(a) + "}" for a in item.authors))
        )
    if item.issued:
        fields.append(("date", item.issued.isoformat()))
        fields.append(("year", str(item.issued.year)))
    if item.edition:
        fields.append(("howpublished", escape_bibtex(item.edition)))
    fields.append(("publisher", PUBLISHER))
    if item.data_version:
        fields.append(("version", escape_bibtex(item.data_version)))
    fields.append(("url", _url_field(item.url)))
    if item.accessed:
        fields.append(("urldate", item.accessed.isoformat()))
    if item.note:
        fields.append(("note", escape_bibtex(item.note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{bibtex_key(item.key)},\n{body}\n}}\n"


def _date_parts(day: date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def as_csl(item: Citable) -> dict[str, object]:
    record: dict[str, object] = {
        "id": item.key,
        "type": CSL_TYPES.get(item.kind, "document"),
        "title": item.title,
        "URL": item.url,
        "publisher": PUBLISHER,
    }
    if item.issued:
        record["issued"] = _date_parts(item.issued)
    else:
        record["issued"] = {"literal": "undated"}
    if item.authors:
        record["author"] = [{"literal": a} for a in item.authors]
    if item.edition:
        record["medium"] = item.edition
    if item.data_version:
        record["version"] = item.data_version
    if item.accessed:
        record["accessed"] = _date_parts(item.accessed)
    if item.note:
        record["note"] = item.note
    return record


def as_csl_json(item: Citable) -> str:
    """CSL-JSON is a list of items; a single-item list imports into Zotero and pandoc as is."""
    return json.dumps([as_csl(item)], ensure_ascii=False, indent=2) + "\n"


def map_view(
    day: date,
    url: str,
    accessed: date,
    region_name: str = "",
    region_id: str = "",
    data_version: str = "",
) -> Citable:
    """The map as shown for one date (and optionally one selected region).

    A map view has no publication date of its own, so it is "issued" on the day it was viewed;
    the historical date it shows goes into the title where no reader can confuse the two.
    """
    where = f", {region_name}" if region_name else ""
    key = f"borderlands-atlas-{day.isoformat()}" + (f"-{region_id}" if region_id else "")
    return Citable(
        key=key,
        kind="map",
        title=f"Map of the Russian/Soviet–Turkish borderlands on {day.isoformat()}{where}",
        issued=accessed,
        url=url,
        authors=(PUBLISHER,),
        data_version=data_version,
        accessed=accessed,
    )


def document(doc: Document, url: str, accessed: date, data_version: str = "") -> Citable:
    """A document as presented here: the parties stand as authors, the shared edition as source."""
    editions = "; ".join(
        f"{t.edition} ({t.language}, {t.completeness} text)" for t in doc.texts if t.edition
    )
    note = "Never came into force. " if doc.dates.never_in_force else ""
    note += "Summaries are the atlas's own; quotations are from the edition named."
    return Citable(
        key=doc.id,
        kind=doc.kind,
        title=doc.title,
        issued=doc.dates.signed,
        url=url,
        authors=doc.parties,
        edition=editions,
        note=note,
        data_version=data_version,
        accessed=accessed,
    )
