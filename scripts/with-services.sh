#!/usr/bin/env bash
# Run a command with the service parts the tests use, started once for the whole run:
# Redis (the one on 127.0.0.1:6379 if it answers, else a throwaway redis-server) and a SeaweedFS
# S3 server on free ports. Their addresses go to TEST_REDIS_URL and TEST_S3_ENDPOINT.
set -euo pipefail

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# SeaweedFS listens for gRPC on port+10000: keep both under 65536 and free.
weed_port() { python3 -c '
import random, socket
while True:
    p = random.randint(20000, 45000)
    try:
        a = socket.socket(); a.bind(("127.0.0.1", p)); b = socket.socket(); b.bind(("127.0.0.1", p + 10000))
        print(p); break
    except OSError:
        pass
'; }
redis_ping() { python3 - "$1" <<'PY'
import socket, sys
try:
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.3)
    s.sendall(b"PING\r\n")
    sys.exit(0 if s.recv(16).startswith(b"+PONG") else 1)
except OSError:
    sys.exit(1)
PY
}

pids=()
dirs=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  for dir in "${dirs[@]}"; do rm -rf "$dir"; done
}
trap cleanup EXIT

if [ -z "${TEST_REDIS_URL:-}" ]; then
  if redis_ping 6379; then
    export TEST_REDIS_URL="redis://127.0.0.1:6379"
  elif command -v redis-server >/dev/null; then
    port=$(free_port)
    echo "Starting a throwaway Redis on 127.0.0.1:$port" >&2
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no >/dev/null 2>&1 &
    pids+=($!); disown
    for _ in $(seq 50); do redis_ping "$port" && break; sleep 0.1; done
    export TEST_REDIS_URL="redis://127.0.0.1:$port"
  else
    echo "No Redis on 127.0.0.1:6379 and no redis-server (apt-get install redis-server)" >&2
    exit 1
  fi
fi

weed=$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/weed
[ -x "$weed" ] || weed=$(command -v weed || true)
if [ -z "${TEST_S3_ENDPOINT:-}" ] && [ -n "$weed" ]; then
  dir=$(mktemp -d /tmp/pulih-weed.XXXXXX)
  dirs+=("$dir")
  s3=$(weed_port); master=$(weed_port); volume=$(weed_port); filer=$(weed_port)
  echo "Starting SeaweedFS S3 on 127.0.0.1:$s3 ($dir)" >&2
  # Started in the background: the tests wait for it only when they first need it.
  # Each bucket is a collection; grow it one volume at a time, not seven. No Iceberg or Lance
  # listeners: they take fixed ports (8181, 9101) a second SeaweedFS on the machine would want.
  (cd "$dir" && WEED_MASTER_VOLUME_GROWTH_COPY_1=1 exec "$weed" server -dir="$dir" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
     -master.port="$master" -volume.port="$volume" -filer.port="$filer" \
     -master.volumeSizeLimitMB=16 -volume.max=300 -s3 -s3.port="$s3" -s3.port.iceberg=0 -s3.port.lance=0 \
     >"$dir/weed.log" 2>&1) &
  pids+=($!); disown
  export TEST_S3_ENDPOINT="http://127.0.0.1:$s3"
fi

"$@"
