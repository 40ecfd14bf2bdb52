#!/usr/bin/env bash
# Runs the benchmark program against a throwaway redis-server: installs
# redis-server if it is missing, starts it on a free 127.0.0.1 port, waits
# for PING, runs the program in bench/ (writing bench/report/ and, after a
# full run, the Performance block of README.md), and stops the server on
# exit. Usage, from any directory:
#   bash bench/run.sh [flags of the program, e.g. -runs 5 -workloads W1,W2]
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PATH:/usr/local/go/bin"

if ! command -v redis-server >/dev/null 2>&1; then
  echo "== installing redis-server" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi

# A free port on loopback, then a throwaway server on it.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
  shuf -i 20000-60000 -n 1)
workdir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$workdir" --daemonize no \
  >"$workdir/redis.log" 2>&1 &
redis_pid=$!
trap 'kill $redis_pid 2>/dev/null || true; wait $redis_pid 2>/dev/null || true; rm -rf "$workdir"' EXIT
for _ in $(seq 100); do
  if redis-cli -p "$port" ping >/dev/null 2>&1; then break; fi
  sleep 0.1
done
redis-cli -p "$port" ping >/dev/null || { cat "$workdir/redis.log" >&2; exit 1; }
echo "== $(redis-server --version) on 127.0.0.1:$port" >&2

go run . -redis "127.0.0.1:$port" -out report -readme ../README.md "$@"
