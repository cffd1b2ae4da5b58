#!/usr/bin/env bash
# One command: set up (idempotent) and serve the atlas on http://localhost:8501 in the served
# configuration of .streamlit/config.toml (no file watcher, small uploads, no usage statistics).
# `scripts/run-app.sh --dev` watches the source files and reruns the page when one is saved.
# Any other arguments go to `streamlit run` (e.g. --server.port=8600).
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
# Served: Streamlit without its config-file pollers (scripts/streamlit_served.py says why).
launch=(scripts/streamlit_served.py)
for arg in "$@"; do
  if [ "$arg" = "--dev" ]; then
    args+=(--server.fileWatcherType=auto --server.runOnSave=true --server.allowRunOnSave=true)
    launch=(-m streamlit run)
  else
    args+=("$arg")
  fi
done
scripts/setup.sh requirements.txt
# Warm the new server as soon as it answers: Streamlit's script health check (enabled in
# .streamlit/config.toml) runs the app once, so the first visitor finds it loaded.
.venv/bin/python - "${args[@]}" <<'PY' &
import sys, time, urllib.request
port = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--server.port=")), "8501")
for _ in range(1200):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/script-health-check", timeout=90)
        break
    except OSError:
        time.sleep(0.1)
PY
exec .venv/bin/python "${launch[@]}" app.py "${args[@]}"
