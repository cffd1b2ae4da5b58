#!/usr/bin/env bash
# Creates .venv (once), installs the pinned requirements and writes the offline web assets and
# the map files of data/ (unit shapes, year-step timeline), so a served app never builds them.
# With requirements-dev.txt it also installs the JavaScript/CSS lint tools from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements="${1:-requirements.txt}"
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r "$requirements"
.venv/bin/python -m geo.web.vendor_assets static
.venv/bin/python -m geo.web.published
if [ "$requirements" = "requirements-dev.txt" ]; then
  npm ci --silent --no-audit --no-fund
fi
