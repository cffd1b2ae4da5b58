"""The Atlas map's per-data files (unit shapes, year-step timeline), made once per data version.

Building the timeline walks every distinct map of the study range, about half a second of CPU
on the 2-core machine, and every new server process (every replica behind nginx) needs the very
same file. Files are written under ``static/geo`` with a hash of their content in the name; a
small index, named by everything the timeline is made from, records the timeline's name, so a
later process reads the index instead of walking the timeline again. The setup step writes the
English files of ``data/`` (``python -m geo.web.published``), so a served app builds none.

The index key covers every input of the timeline: the bytes of the data folder
(``geo.records.version.data_hash``), the source of the ``geo`` package that turns them into map
styles, and the words of the map's language (``MapWords``: every text it gives for this
atlas). A change of any gives a new key, hence a new file; nothing is ever overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from geo.engine.timeline import Atlas
from geo.messages import N_
from geo.paths import DATA, ROOT, STATIC
from geo.records.model import STATUS_LABELS
from geo.records.version import data_hash
from geo.web.mapview import StateLayers, display_geometry_json, legend_runs
from geo.web.mapview.words import EXTENT_INFERRED, NOT_IN_FORCE, MapWords, english_term

GEO_PACKAGE = ROOT / "geo"


@lru_cache(maxsize=1)
def code_fingerprint(package: Path = GEO_PACKAGE) -> str:
    """Hash of every Python file of the ``geo`` package (relative path and bytes, in order)."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py"), key=lambda p: p.relative_to(package).as_posix()):
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def words_signature(atlas: Atlas, words: MapWords) -> str:
    """Every text ``words`` gives for this atlas, as JSON: two languages, or two versions of a
    catalogue, that word the map alike give the same timeline."""
    kinds = sorted({claim.kind for uid in atlas.units for claim in atlas.claims_of(uid)})
    return json.dumps({
        "browser": words.browser(),
        "messages": [words.gettext(NOT_IN_FORCE), words.gettext(EXTENT_INFERRED)],
        "terms": {key: words.term(key) for key in [*sorted(STATUS_LABELS), *kinds]},
        "places": {uid: words.place(unit) for uid, unit in sorted(atlas.units.items())},
    }, sort_keys=True, ensure_ascii=False)


def index_path(atlas: Atlas, data_folder: Path, words: MapWords, static: Path = STATIC) -> Path:
    key = hashlib.sha256("\0".join(
        (data_hash(data_folder), code_fingerprint(), words_signature(atlas, words))
    ).encode("utf-8")).hexdigest()
    return static / "geo" / f"timeline-index-{key[:16]}.txt"


def replace_with(target: Path, text: str) -> None:
    """Write ``text`` to a temporary file of this process, then rename it onto ``target``: a
    browser or another replica never reads a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)


def write_once(text: str, stem: str, suffix: str, static: Path = STATIC) -> str:
    """Write ``text`` as ``static/geo/<stem>-<content hash><suffix>`` unless it exists; its name."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    target = static / "geo" / f"{stem}-{digest}{suffix}"
    if not target.is_file():
        replace_with(target, text)
    return target.name


def shapes_file(atlas: Atlas, static: Path = STATIC) -> str:
    """Name of the unit shapes the browser fetches once (``display_geometry_json``)."""
    return write_once(display_geometry_json(atlas.geometries), "units", ".geojson", static)


def timeline_file(atlas: Atlas, data_folder: Path, words: MapWords | None = None,
                  static: Path = STATIC) -> str:
    """Name of the timeline of ``atlas`` (loaded from ``data_folder``) in ``words``: read from
    the index when a process already made it for this data, code and language, else built,
    written and indexed."""
    words = words or MapWords()
    index = index_path(atlas, data_folder, words, static)
    if index.is_file():
        known = index.read_text(encoding="utf-8").strip()
        if (static / "geo" / known).is_file():
            return known
    name = write_once(StateLayers(atlas, "", words).timeline_json(), "timeline", ".json", static)
    replace_with(index, name + "\n")
    return name


def legend_file(atlas: Atlas, gettext: Callable[[str], str] = N_,
                term: Callable[[str], str] = english_term, static: Path = STATIC) -> str:
    """Name of the legend's day parts of ``atlas`` (``mapview.legend_runs``) in one language.

    About 130 kB on the real data: sent inside the page, it went out again with every run of
    the whole page (Streamlit's message cache is off in the served configuration); as a file
    named by its content, each browser fetches it once and keeps it.
    """
    runs = legend_runs(atlas, gettext, term)
    text = json.dumps(runs, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return write_once(text, "legend", ".json", static)


def main(argv: list[str]) -> int:
    """``python -m geo.web.published [DATA_FOLDER]``: the English files of ``data/``, at setup."""
    folder = Path(argv[1]) if len(argv) > 1 else DATA
    atlas = Atlas.load(folder)
    names = shapes_file(atlas), timeline_file(atlas, folder), legend_file(atlas)
    print(f"map files of {folder} in {STATIC / 'geo'}: {', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
