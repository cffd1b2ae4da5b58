"""``streamlit run`` for a served copy of the app, minus work an idle server does for nothing.

Usage: ``.venv/bin/python scripts/streamlit_served.py app.py [streamlit run options]``, the same
arguments as ``streamlit run``. ``scripts/run-app.sh`` and ``scripts/serve.sh`` start the app
this way; ``scripts/run-app.sh --dev`` uses plain ``streamlit run``.

Why: whatever ``server.fileWatcherType`` says, Streamlit 1.67 polls every ``config.toml`` it may
read (the project's and the user's) five times a second each, from a thread pool that wakes the
server's event loop. On the project's 2-core machine that is about 6 ms of CPU per second per
server process, idle or busy: measured over issue 10's date-step benchmark (steps 1.5 s apart),
about 9 ms of every step. A served copy's configuration never changes under it, and a change
takes a restart anyway (``scripts/serve.sh`` restarts its replicas), so the pollers only cost.
For the same reason the web server's housekeeping loop (uvicorn's, which Streamlit runs: it
checks for a shutdown request and refreshes the ``Date`` header) wakes once a second instead of
ten times: those wake-ups were all an idle server did, about 2 ms of CPU every second, a fifth
of a date step on the benchmark. A stop request now takes up to a second longer to be seen.

Nothing else changes: the app, its options and the other watchers are Streamlit's own.
``tests/test_served_launcher.py`` fails if the pinned Streamlit or uvicorn (both pinned in
``requirements.txt``) no longer has what this replaces.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import uvicorn
from streamlit.web import bootstrap, cli

TICK_S = 1.0  # uvicorn's own loop: 0.1 s
TICKS_PER_S = 10  # uvicorn refreshes its Date header when its tick counter is a multiple of this


def skip_config_watchers(flag_options: dict[str, Any]) -> None:
    """Stands in for ``bootstrap._install_config_watchers``: install no poller."""


async def housekeeping_once_a_second(server: uvicorn.Server) -> None:
    """Stands in for ``uvicorn.Server.main_loop``: the same checks (``on_tick``), once a second,
    each one counting as a whole second of uvicorn's ticks, so the Date header stays fresh."""
    counter = 0
    while not await server.on_tick(counter):
        await asyncio.sleep(TICK_S)
        counter = (counter + TICKS_PER_S) % 864000


def main(argv: list[str]) -> None:
    bootstrap._install_config_watchers = skip_config_watchers
    uvicorn.Server.main_loop = housekeeping_once_a_second
    sys.argv = ["streamlit", "run", *argv]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
