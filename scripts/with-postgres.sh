#!/usr/bin/env bash
# Run a command with DATABASE_URL pointing at a PostgreSQL server:
# the one given, else the one on 127.0.0.1:5432, else a throwaway cluster started (and stopped) here.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
  exec "$@"
fi

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || \
   (command -v psql >/dev/null && psql -h 127.0.0.1 -p 5432 -U postgres -Atc 'select 1' >/dev/null 2>&1); then
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/pulih"
  exec "$@"
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "No PostgreSQL found: none on 127.0.0.1:5432, no DATABASE_URL, and no server binaries" >&2
  echo "under /usr/lib/postgresql (install the Debian package 'postgresql')." >&2
  exit 1
fi

port=${PULIH_PG_PORT:-54329}
dir=$(mktemp -d /tmp/pulih-pg.XXXXXX)
chmod 755 "$dir"
run_pg() {
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres "$dir"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
cleanup() {
  run_pg "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
echo "Starting a throwaway PostgreSQL on 127.0.0.1:$port ($dir)" >&2
run_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$bindir/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/pulih"
"$@"
