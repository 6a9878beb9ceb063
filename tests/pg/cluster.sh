# cluster.sh - sourced by run.sh and tests/bench/pg_bench.sh: start a
# throwaway PostgreSQL cluster in a private temporary directory and stop it
# (and remove the directory) at exit.
#
#   start_cluster [extra postgres -c settings...]
#
# initdb and pg_ctl run as the `postgres` user when called as root (the
# server refuses to run as root), else as the caller.  The server listens
# only on a Unix socket in that directory (no TCP), so runs never collide.
# Exports PGHOST, PGPORT, PGUSER=postgres, PGDATABASE=postgres and
# CLUSTER_DIR; CLUSTER_LOG is the server log.

PGBIN="${PGBIN:-$(pg_config --bindir)}"
CLUSTER_PORT="${FARMORM_PG_PORT:-54329}"
CLUSTER_DIR=""
CLUSTER_STARTED=""
CLUSTER_RUN_AS=()

stop_cluster() {
  if [ -n "$CLUSTER_STARTED" ]; then
    "${CLUSTER_RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$CLUSTER_DIR/data" -m immediate stop >/dev/null 2>&1
    CLUSTER_STARTED=""
  fi
  [ -z "$CLUSTER_DIR" ] || rm -rf "$CLUSTER_DIR"
}

start_cluster() {
  local opts s
  CLUSTER_DIR="$(mktemp -d /tmp/farmorm-pg.XXXXXX)"
  opts="-p $CLUSTER_PORT -k $CLUSTER_DIR/sock -c listen_addresses= -c fsync=off"
  trap stop_cluster EXIT
  trap 'exit 130' INT TERM
  chmod 755 "$CLUSTER_DIR"
  mkdir -p "$CLUSTER_DIR/data" "$CLUSTER_DIR/sock"
  if [ "$(id -u)" = 0 ]; then
    CLUSTER_RUN_AS=(runuser -u postgres --)
    chown postgres "$CLUSTER_DIR/data" "$CLUSTER_DIR/sock"
  fi
  for s in "$@"; do opts="$opts -c $s"; done
  CLUSTER_LOG="$CLUSTER_DIR/sock/server.log"
  echo "== starting a throwaway cluster (socket $CLUSTER_DIR/sock, port $CLUSTER_PORT)"
  if ! "${CLUSTER_RUN_AS[@]}" "$PGBIN/initdb" -D "$CLUSTER_DIR/data" -A trust -U postgres \
       -E UTF8 --no-locale >"$CLUSTER_DIR/initdb.log" 2>&1; then
    cat "$CLUSTER_DIR/initdb.log"; return 1
  fi
  if ! "${CLUSTER_RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$CLUSTER_DIR/data" -w -t 60 \
       -l "$CLUSTER_LOG" -o "$opts" start >/dev/null; then
    cat "$CLUSTER_LOG"; return 1
  fi
  CLUSTER_STARTED=1
  export PGHOST="$CLUSTER_DIR/sock" PGPORT="$CLUSTER_PORT" PGUSER=postgres PGDATABASE=postgres
  export CLUSTER_DIR CLUSTER_LOG
}
