"""Accessibility figures per page: axe-core's violations in headless Chromium at 1280×720.

Starts the app on a free loopback port, opens every page listed in ``tests/e2e/axe_pages.py``,
runs axe-core (bundled in ``axe-playwright-python``, nothing fetched) and prints per page the
number of serious or critical nodes, then every rule with its impact and node count. With
``--nodes`` it also prints each failing node. The last line is ``RESULT {json}``: serious and
critical nodes per page. ``--lang tr`` (or ``ru``) checks the pages in that interface language.

Usage: ``.venv/bin/python bench/axe_report.py [--width 1280 --height 720] [--lang tr] [--nodes]``
(needs Debian ``chromium``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.axe_pages import (  # noqa: E402
    PAGES,
    describe,
    in_language,
    node_counts,
    open_page,
    run_axe,
    serious,
)
from tests.e2e.conftest import CHROMIUM_ARGS, launch_server, stop_server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=720)
    parser.add_argument("--lang", default="", help="interface language (?lang=), e.g. tr or ru")
    parser.add_argument("--nodes", action="store_true", help="print every failing node")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    result: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        url, proc = launch_server(Path(tmp) / "server.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                                     args=CHROMIUM_ARGS)  # fmt: skip
                context = browser.new_context(
                    viewport={"width": args.width, "height": args.height})
                for app_page in PAGES:
                    tab = context.new_page()
                    open_page(tab, url, in_language(app_page, args.lang))
                    violations = run_axe(tab)
                    tab.close()
                    result[app_page.name] = sum(len(v["nodes"]) for v in serious(violations))
                    print(f"{app_page.name:<9} {result[app_page.name]:>3} serious/critical nodes")
                    for rule, count in sorted(node_counts(violations).items()):
                        print(f"    {rule}: {count}")
                    if args.nodes and violations:
                        print("    " + describe(violations).replace("\n", "\n    "))
                browser.close()
        finally:
            stop_server(proc)
    print("RESULT " + json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
