"""Writes the nginx configuration for scripts/serve.sh from deploy/nginx.conf.j2.

The values land in nginx syntax unquoted, so each is checked to be a plain address, port or
path before it is rendered.

nginx sends Streamlit's frontend files itself, from the installed package (``static_folder``),
when its worker processes can read them: started by root, nginx runs its workers as ``nobody``,
who cannot enter a private home folder. Otherwise the replicas keep sending them, as before.

Usage: ``python scripts/nginx_conf.py --listen 127.0.0.1:8080 --run-dir RUN_DIR 8601 8602``
"""

from __future__ import annotations

import argparse
import os
import re
import stat
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
LISTEN = re.compile(r"(?:(?:\d{1,3}\.){3}\d{1,3}:|\[[0-9a-fA-F:]+\]:)?\d{1,5}")
SAFE_PATH = re.compile(r"/[A-Za-z0-9._/-]*")


def readable_by_workers(folder: Path) -> bool:
    """Whether nginx's worker processes can read ``folder``'s files: always when nginx runs as
    this (non-root) user; under root only if every folder on the way lets others in and the
    frontend's folders and files let others read (a private home folder does not)."""
    if os.geteuid() != 0:
        return True
    try:
        folders = [folder, *folder.parents]
        if any(not path.stat().st_mode & stat.S_IXOTH for path in folders):
            return False
        for path in folder.rglob("*"):
            mode = path.stat().st_mode
            needed = stat.S_IROTH | (stat.S_IXOTH if stat.S_ISDIR(mode) else 0)
            if mode & needed != needed:
                return False
    except OSError:
        return False
    return True


def static_folder() -> Path | None:
    """Folder of the installed Streamlit's frontend files (served at ``/static/``), if nginx can
    serve it."""
    import streamlit

    folder = Path(streamlit.__file__).resolve().parent / "static" / "static"
    if folder.is_dir() and SAFE_PATH.fullmatch(str(folder)) and readable_by_workers(folder):
        return folder
    return None


def render(listen: str, run_dir: str, ports: list[int],
           streamlit_static: Path | None = None) -> str:
    """The configuration text; ``ValueError`` for anything nginx would read differently."""
    if not LISTEN.fullmatch(listen):
        raise ValueError(f"--listen wants PORT, IPv4:PORT or [IPv6]:PORT, not {listen!r}")
    if not SAFE_PATH.fullmatch(run_dir):
        raise ValueError(f"--run-dir must be an absolute path of plain characters: {run_dir!r}")
    if not ports or any(not 0 < port < 65536 for port in ports) or len(set(ports)) < len(ports):
        raise ValueError(f"replica ports must be distinct numbers from 1 to 65535: {ports}")
    env = Environment(loader=FileSystemLoader(DEPLOY), undefined=StrictUndefined,
                      keep_trailing_newline=True, autoescape=False)
    if streamlit_static is not None and not SAFE_PATH.fullmatch(str(streamlit_static)):
        raise ValueError(f"Streamlit's static folder has an unusual path: {streamlit_static}")
    return env.get_template("nginx.conf.j2").render(
        listen=listen, run_dir=run_dir, ports=ports, streamlit_static=streamlit_static)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", required=True, help="PORT, IPv4:PORT or [IPv6]:PORT")
    parser.add_argument("--run-dir", required=True, help="folder for pid, temp files and logs")
    parser.add_argument("ports", nargs="+", type=int, help="the replicas' loopback ports")
    args = parser.parse_args()
    try:
        sys.stdout.write(render(args.listen, args.run_dir, args.ports, static_folder()))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
