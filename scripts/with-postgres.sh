#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: a fresh data directory in a temporary
# folder, on a free loopback port, stopped and removed when the command ends (whatever its end).
# The command sees LENTERA_TEST_PG=postgres://lentera@127.0.0.1:PORT (add /DBNAME to connect).
# PostgreSQL refuses to run as root, so as root the cluster runs as the unprivileged `postgres`
# (or `nobody`) user. Debian's server comes from `scripts/setup.sh test`.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed: run scripts/setup.sh test" >&2; exit 1; }

dir=$(mktemp -d /tmp/lentera-pg.XXXXXX)
as=()
if [ "$(id -u)" -eq 0 ]; then
  user=postgres
  id -u "$user" >/dev/null 2>&1 || user=nobody
  chown "$user" "$dir"
  as=(runuser -u "$user" --)
fi
stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as[@]}" "$bin/initdb" -D "$dir/data" -U lentera --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
# A test cluster: durability off (nothing here outlives the run), room for many test servers.
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c full_page_writes=off ${PG_EXTRA:-}" >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }

export LENTERA_TEST_PG="postgres://lentera@127.0.0.1:$port"
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway, $dir)"
"$@"
