#!/usr/bin/env bash
# One command: set up (idempotent) and run lint, data validation and every test, browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/mypy
npm run --silent lint
npm test --silent
.venv/bin/python -m geo.validate
.venv/bin/frictionless validate data/datapackage.json
.venv/bin/python -m pytest "$@"
