"""Writes the nginx configuration for scripts/serve.sh from deploy/nginx.conf.j2.

The values land in nginx syntax unquoted, so each is checked to be a plain address, port or
path before it is rendered.

Usage: ``python scripts/nginx_conf.py --listen 127.0.0.1:8080 --run-dir RUN_DIR 8601 8602``
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
LISTEN = re.compile(r"(?:(?:\d{1,3}\.){3}\d{1,3}:|\[[0-9a-fA-F:]+\]:)?\d{1,5}")
SAFE_PATH = re.compile(r"/[A-Za-z0-9._/-]*")


def render(listen: str, run_dir: str, ports: list[int]) -> str:
    """The configuration text; ``ValueError`` for anything nginx would read differently."""
    if not LISTEN.fullmatch(listen):
        raise ValueError(f"--listen wants PORT, IPv4:PORT or [IPv6]:PORT, not {listen!r}")
    if not SAFE_PATH.fullmatch(run_dir):
        raise ValueError(f"--run-dir must be an absolute path of plain characters: {run_dir!r}")
    if not ports or any(not 0 < port < 65536 for port in ports) or len(set(ports)) < len(ports):
        raise ValueError(f"replica ports must be distinct numbers from 1 to 65535: {ports}")
    env = Environment(loader=FileSystemLoader(DEPLOY), undefined=StrictUndefined,
                      keep_trailing_newline=True, autoescape=False)
    return env.get_template("nginx.conf.j2").render(listen=listen, run_dir=run_dir, ports=ports)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", required=True, help="PORT, IPv4:PORT or [IPv6]:PORT")
    parser.add_argument("--run-dir", required=True, help="folder for pid, temp files and logs")
    parser.add_argument("ports", nargs="+", type=int, help="the replicas' loopback ports")
    args = parser.parse_args()
    try:
        sys.stdout.write(render(args.listen, args.run_dir, args.ports))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
