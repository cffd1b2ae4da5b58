#!/usr/bin/env bash
# Creates .venv (once), installs the pinned requirements and writes the offline web assets.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r "${1:-requirements.txt}"
.venv/bin/python -m geo.web.vendor_assets static
