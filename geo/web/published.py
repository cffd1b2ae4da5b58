"""The Atlas map's per-data files (unit shapes, year-step timeline), made once per data version.

Building the timeline walks every distinct map of the study range, about half a second of CPU
on the 2-core machine, and every new server process (every replica behind nginx) needs the very
same files. They are written under ``static/geo`` with a hash of their content in the name, and
a small index named by the data version and the code fingerprint records those names: a later
process reads the index instead of building the files again. The setup step writes them for
``data/`` (``python -m geo.web.vendor_assets static``), so a served app never builds them.

The key covers both inputs of the files: the bytes of the data folder
(``geo.records.version.data_hash``) and the source of the ``geo`` package that turns them into
map styles. A change of either gives a new key, hence new files; nothing is ever overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.engine.timeline import Atlas
from geo.paths import DATA, ROOT, STATIC
from geo.records.version import data_hash
from geo.web.mapview import StateLayers, display_geometry_json

GEO_PACKAGE = ROOT / "geo"


@dataclass(frozen=True)
class MapFiles:
    """File names under ``static/geo`` of one data version's unit shapes and timeline."""

    units: str
    timeline: str


@lru_cache(maxsize=1)
def code_fingerprint(package: Path = GEO_PACKAGE) -> str:
    """Hash of every Python file of the ``geo`` package (relative path and bytes, in order)."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py"), key=lambda p: p.relative_to(package).as_posix()):
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def index_path(data_folder: Path, static: Path = STATIC) -> Path:
    key = hashlib.sha256(f"{data_hash(data_folder)}:{code_fingerprint()}".encode()).hexdigest()
    return static / "geo" / f"map-files-{key[:16]}.json"


def write_once(text: str, stem: str, suffix: str, static: Path = STATIC) -> str:
    """Write ``text`` as ``static/geo/<stem>-<content hash><suffix>`` unless it exists; its name.

    The file is renamed into place, so a browser or another replica never reads it half-written.
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    target = static / "geo" / f"{stem}-{digest}{suffix}"
    if not target.is_file():
        replace_with(target, text)
    return target.name


def replace_with(target: Path, text: str) -> None:
    """Write ``text`` to a temporary file of this process, then rename it onto ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)


def map_files(atlas: Atlas, data_folder: Path, static: Path = STATIC) -> MapFiles:
    """The files of ``atlas`` (loaded from ``data_folder``): read from the index when a process
    already made them for this data and code, else built, written and indexed."""
    index = index_path(data_folder, static)
    if index.is_file():
        known = MapFiles(**json.loads(index.read_text(encoding="utf-8")))
        if all((static / "geo" / name).is_file() for name in (known.units, known.timeline)):
            return known
    units = write_once(display_geometry_json(atlas.geometries), "units", ".geojson", static)
    timeline = StateLayers(atlas, "").timeline_json()
    files = MapFiles(units, write_once(timeline, "timeline", ".json", static))
    replace_with(index, json.dumps({"units": files.units, "timeline": files.timeline},
                                   sort_keys=True) + "\n")
    return files


def main(argv: list[str]) -> int:
    """``python -m geo.web.published [DATA_FOLDER]``: make the files of ``data/`` at setup."""
    folder = Path(argv[1]) if len(argv) > 1 else DATA
    files = map_files(Atlas.load(folder), folder)
    print(f"map files for {folder} in {STATIC / 'geo'}: {files.units}, {files.timeline}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
