"""Full texts of the documents whose source is complete, derived into ``data/texts/``.

The shared reference folder is not shipped, so a document page cannot read it. For the few
documents whose shared text is complete, ``python -m geo.pipeline.texts`` copies the wording into
``data/texts/<doc-id>.<language>.md`` under a header naming the source file, edition and URLs.
The wording is kept verbatim; only runs of spaces and blank lines are collapsed, and the host
site's navigation above a document's heading is dropped (``STARTS``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from geo.paths import DATA, shared_dir
from geo.records.documents import FRONT_MATTER, Document, TextSource, quotable_text
from geo.records.loaders import load_tables

TEXTS_DIR = DATA / "texts"
SEPARATOR = "\x00"
NO_LICENCE = "no licence is stated in the shared copy; reproduced with attribution for study"

# Where the document itself begins in a file that also holds its web page's navigation.
STARTS = {
    "seeds/1937-06-01-karsky-ataturk-conversation.txt": "Recording of the conversation",
}


def text_path(doc: Document, text: TextSource, folder: Path = TEXTS_DIR) -> Path:
    return folder / f"{doc.id}.{text.language}.md"


def clean_body(raw: str, start: str | None) -> str:
    body = quotable_text(raw).replace(SEPARATOR, "\n")
    if start and start in body:
        body = body[body.index(start) :]
    paragraphs = []
    for block in body.split("\n\n"):
        lines = [" ".join(line.split()) for line in block.splitlines()]
        joined = "\n".join(line for line in lines if line)
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs) + "\n"


def source_licence(raw: str) -> str:
    """The shared file's own statement of why it may be reused, where its front matter has one."""
    match = FRONT_MATTER.match(raw)
    meta = yaml.safe_load(match.group(0).strip("-\n")) if match else None
    basis = (meta or {}).get("public_domain_basis")
    return str(basis) if basis else NO_LICENCE


def render(doc: Document, text: TextSource, raw: str) -> str:
    header = {
        "document": doc.id,
        "title": doc.title,
        "language": text.language,
        "edition": text.edition,
        "source_file": text.file,
        "sources": list(doc.sources),
        "derived_by": "python -m geo.pipeline.texts: wording verbatim, runs of spaces and blank "
        "lines collapsed, web-page navigation above the heading dropped",
        "licence": source_licence(raw),
    }
    front = yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{front}---\n\n{clean_body(raw, STARTS.get(text.file))}"


def complete_texts(documents: dict[str, Document]) -> list[tuple[Document, TextSource]]:
    return [
        (doc, text)
        for doc in documents.values()
        for text in doc.texts
        if text.completeness == "complete"
    ]


def build(documents: dict[str, Document], shared: Path, folder: Path = TEXTS_DIR) -> list[Path]:
    """Write every complete text; returns the files written, in a stable order."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for doc, text in complete_texts(documents):
        raw = (shared / text.file).read_text(encoding="utf-8")
        path = text_path(doc, text, folder)
        path.write_text(render(doc, text, raw), encoding="utf-8")
        written.append(path)
    return written


def read_body(path: Path) -> str:
    """The text of a derived file without its header (empty if the file is missing)."""
    if not path.is_file():
        return ""
    content = path.read_text(encoding="utf-8")
    return content.split("\n---\n", 1)[1].lstrip("\n") if content.startswith("---\n") else content


def read_header(path: Path) -> dict:
    content = path.read_text(encoding="utf-8")
    return yaml.safe_load(content.split("\n---\n", 1)[0].removeprefix("---\n"))


def main() -> int:
    shared = shared_dir()
    if not (shared / "sources").is_dir():
        print(f"shared folder {shared} not found", file=sys.stderr)
        return 2
    tables = load_tables()
    if tables.problems:
        print("data/ has problems; run python -m geo.validate first", file=sys.stderr)
        return 1
    for path in build(tables.documents, shared):
        print(path.relative_to(DATA.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
