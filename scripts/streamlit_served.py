"""``streamlit run`` for a served copy of the app, minus Streamlit's config-file pollers.

Usage: ``.venv/bin/python scripts/streamlit_served.py app.py [streamlit run options]``, the same
arguments as ``streamlit run``. ``scripts/run-app.sh`` and ``scripts/serve.sh`` start the app
this way; ``scripts/run-app.sh --dev`` uses plain ``streamlit run``.

Why: whatever ``server.fileWatcherType`` says, Streamlit 1.67 polls every ``config.toml`` it may
read (the project's and the user's) five times a second each, from a thread pool that wakes the
server's event loop. On the project's 2-core machine that is about 6 ms of CPU per second per
server process, idle or busy: measured over issue 10's date-step benchmark (steps 1.5 s apart),
about 9 ms of every step. A served copy's configuration never changes under it, and a change
takes a restart anyway (``scripts/serve.sh`` restarts its replicas), so the pollers only cost.
Nothing else changes: the app, its options and the other watchers are Streamlit's own.
``tests/test_served_launcher.py`` fails if the pinned Streamlit no longer has the hook.
"""

from __future__ import annotations

import sys
from typing import Any

from streamlit.web import bootstrap, cli


def skip_config_watchers(flag_options: dict[str, Any]) -> None:
    """Stands in for ``bootstrap._install_config_watchers``: install no poller."""


def main(argv: list[str]) -> None:
    bootstrap._install_config_watchers = skip_config_watchers
    sys.argv = ["streamlit", "run", *argv]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
