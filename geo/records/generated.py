"""Files the project writes from its data (``CITATION.cff``, ``data/datapackage.json``).

Each has a command that rewrites it and a ``--check`` mode for the test run, which fails while
the committed copy differs from what the data gives; both commands share this one rule.
"""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(target: Path, text: str, command: str, check: bool) -> int:
    """Write ``text`` to ``target`` if it differs, or with ``check`` only report that (exit 1).

    An unchanged file is not rewritten, so its modification time keeps meaning something.
    """
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    if current == text:
        return 0
    if check:
        print(f"{target.name} is out of date: run {command}", file=sys.stderr)
        return 1
    target.write_text(text, encoding="utf-8")
    return 0
