#!/usr/bin/env bash
# One command: set up (idempotent) and serve the atlas on http://localhost:8501 in the served
# configuration of .streamlit/config.toml (no file watcher, small uploads, no usage statistics).
# `scripts/run-app.sh --dev` watches the source files and reruns the page when one is saved.
# Any other arguments go to `streamlit run` (e.g. --server.port=8600).
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
for arg in "$@"; do
  if [ "$arg" = "--dev" ]; then
    args+=(--server.fileWatcherType=auto --server.runOnSave=true --server.allowRunOnSave=true)
  else
    args+=("$arg")
  fi
done
scripts/setup.sh requirements.txt
exec .venv/bin/python -m streamlit run app.py "${args[@]}"
