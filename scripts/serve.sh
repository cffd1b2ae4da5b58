#!/usr/bin/env bash
# Serves the atlas to a class: N Streamlit replicas on loopback ports behind nginx, which keeps
# each browser on one replica (a cookie names it) and passes Streamlit's WebSocket through.
#
#   scripts/serve.sh [--replicas N] [--listen [ADDR:]PORT] [--replica-port-base PORT]
#                    [--run-dir DIR] [--no-setup]
#
# --replicas N            app processes (default 2; about one per core, see the README)
# --listen [ADDR:]PORT    where nginx listens (default 127.0.0.1:8080; 0.0.0.0:8080 for a LAN)
# --replica-port-base P   replica i listens on 127.0.0.1:(P+i-1) (default: nginx's port + 1)
# --run-dir DIR           nginx config, pid, temp files and logs (default: a new temp folder,
#                         removed on exit)
# --no-setup              skip scripts/setup.sh (already set up)
#
# Installs Debian's nginx package with apt-get when it is missing (needs root). Ctrl-C or
# SIGTERM stops nginx and every replica; so does any one of them exiting.
set -euo pipefail
cd "$(dirname "$0")/.."

replicas=2
listen=127.0.0.1:8080
base=""
run_dir=""
setup=1
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) replicas="${2:?}"; shift 2 ;;
    --listen) listen="${2:?}"; shift 2 ;;
    --replica-port-base) base="${2:?}"; shift 2 ;;
    --run-dir) run_dir="${2:?}"; shift 2 ;;
    --no-setup) setup=0; shift ;;
    *) echo "serve.sh: unknown argument '$1' (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
listen_port="${listen##*:}"
base="${base:-$((listen_port + 1))}"
if ! [[ "$replicas" =~ ^[1-9][0-9]?$ && "$base" =~ ^[1-9][0-9]*$ ]]; then
  echo "serve.sh: --replicas wants 1 to 99 and --replica-port-base a port number" >&2
  exit 2
fi

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "serve.sh: nginx is missing; install Debian's package: sudo apt-get install nginx" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nginx >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

if [ "$setup" = 1 ]; then
  scripts/setup.sh requirements.txt
fi

own_dir=""
if [ -z "$run_dir" ]; then
  run_dir="$(mktemp -d -t atlas-serve.XXXXXX)"
  own_dir="$run_dir"
fi
mkdir -p "$run_dir"
run_dir="$(cd "$run_dir" && pwd)"

pids=()
stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ -n "$own_dir" ]; then
    rm -rf "$own_dir"
  fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# One secret for all replicas, so a form's XSRF token stays valid on whichever one answers.
STREAMLIT_SERVER_COOKIE_SECRET="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
export STREAMLIT_SERVER_COOKIE_SECRET

ports=()
for i in $(seq 1 "$replicas"); do
  port=$((base + i - 1))
  ports+=("$port")
  .venv/bin/python scripts/streamlit_served.py app.py --server.port="$port" \
    --server.address=127.0.0.1 >"$run_dir/replica-$i.log" 2>&1 &
  pids+=("$!")
done

# Ready = the app script ran once without error in that replica (Streamlit's script health
# check, enabled in .streamlit/config.toml); the run also warms the replica before nginx sends it
# a student. All replicas warm at once (each one's run is mostly one core's work), each polled
# every 0.1 s by one small Python process rather than by a new process per attempt.
ready() {
  if ! .venv/bin/python - "${ports[$1]}" "${pids[$1]}" <<'PY'
import os, sys, time, urllib.request
port, pid = sys.argv[1], int(sys.argv[2])
for _ in range(1200):
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(2)
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/script-health-check", timeout=90)
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
  then
    echo "serve.sh: replica $(($1 + 1)) exited or did not run the app without error in time;" \
      "its log:" >&2
    tail -n 20 "$run_dir/replica-$(($1 + 1)).log" >&2
    return 1
  fi
}
checks=()
for i in "${!ports[@]}"; do
  ready "$i" &
  checks+=("$!")
done
for check in "${checks[@]}"; do
  wait "$check" || exit 1
done

.venv/bin/python scripts/nginx_conf.py --listen "$listen" --run-dir "$run_dir" "${ports[@]}" \
  >"$run_dir/nginx.conf"
"$nginx_bin" -p "$run_dir" -c "$run_dir/nginx.conf" -e stderr &
pids+=("$!")

address="$listen"
if [[ "$listen" != *:* ]]; then
  address="localhost:$listen"
fi
echo "serve.sh: $replicas replica(s) on 127.0.0.1 ports ${ports[*]} behind nginx at" \
  "http://$address/ (logs in $run_dir); Ctrl-C stops them all"
wait -n
echo "serve.sh: a process exited; stopping the others" >&2
exit 1
