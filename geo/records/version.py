"""A short identifier of the data a reader saw, for citations.

The chronology is corrected as errors are found, so a citation must say which state of ``data/``
it refers to. The identifier is a hash of the files' paths and bytes (the same data gives the
same hash on any machine) followed by the day the data last changed, which readers can compare
at a glance.
"""

from __future__ import annotations

import hashlib
import subprocess
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

from geo.paths import DATA

HASH_LENGTH = 12


def data_files(data_dir: Path) -> list[Path]:
    return sorted(
        (path for path in data_dir.rglob("*") if path.is_file()),
        key=lambda path: path.relative_to(data_dir).as_posix(),
    )


@lru_cache(maxsize=8)
def data_hash(data_dir: Path = DATA) -> str:
    """SHA-256 over every file's relative path and bytes, in path order, shortened."""
    digest = hashlib.sha256()
    for path in data_files(data_dir):
        content = path.read_bytes()
        digest.update(path.relative_to(data_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(str(len(content)).encode("ascii") + b"\0" + content)
    return digest.hexdigest()[:HASH_LENGTH]


@lru_cache(maxsize=8)
def data_changed_on(data_dir: Path = DATA) -> date | None:
    """Day of the last commit touching the data, or of the newest file outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", "."],
            cwd=data_dir,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        if result.stdout.strip():
            return date.fromisoformat(result.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    files = data_files(data_dir) if data_dir.is_dir() else []
    if not files:
        return None
    newest = max(path.stat().st_mtime for path in files)
    return datetime.fromtimestamp(newest, tz=UTC).date()


def data_version(data_dir: Path = DATA) -> str:
    """E.g. ``"3f2a9c1d0b7e of 2026-11-22"``: content hash, then the day the data last changed."""
    changed = data_changed_on(data_dir)
    return f"{data_hash(data_dir)} of {changed.isoformat()}" if changed else data_hash(data_dir)
