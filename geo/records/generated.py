"""Files the project writes from its data (``CITATION.cff``, ``data/datapackage.json``).

Each has a command that rewrites it and a ``--check`` mode for the test run, which fails while
the committed copy differs from what the data gives; both commands share this one rule.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
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


def command_main(argv: Sequence[str] | None, module: str, target: Path,
                 make_text: Callable[[], str], summary: Callable[[], str]) -> int:
    """The command line of one generated file: ``python -m <module> [--check]``.

    ``make_text`` may raise ``ValueError`` for data it cannot describe: one line on stderr,
    exit 1. ``summary`` is printed after a write.
    """
    command = f"python -m {module}"
    parser = argparse.ArgumentParser(prog=command,
                                     description=f"Write {target.name} from the data.")
    parser.add_argument("--check", action="store_true",
                        help=f"only report whether {target.name} is up to date (exit 1 if not)")
    args = parser.parse_args(argv)
    try:
        text = make_text()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    status = write_or_check(target, text, command, args.check)
    if status == 0 and not args.check:
        print(f"{target.name}: {summary()}")
    return status
