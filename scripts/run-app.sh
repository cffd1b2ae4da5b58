#!/usr/bin/env bash
# One command: set up (idempotent) and start the atlas on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements.txt
exec .venv/bin/python -m streamlit run app.py "$@"
