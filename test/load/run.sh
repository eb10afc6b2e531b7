#!/usr/bin/env bash
# npm run test:load: many executions, one portal. A burst of concurrent production-webhook
# calls into a real n8n, each reading and updating its own deal on the test portal with the
# real-time leaky bucket (2 requests/s, burst 50). Two modes, each in a fresh temp folder:
#   regular  one `n8n start`, SQLite
#   queue    n8n main + 2 workers, PostgreSQL and Redis started here on loopback ports
# Needs `npm run build` (dist/) and `npm run build:test` (.build/) done first; installs n8n on
# first use (test/n8n/install.sh, ~8 min, not counted in the time limit) and, for queue mode,
# redis-server with apt-get when it is missing. PostgreSQL comes from /usr/lib/postgresql.
#
# Env: LOAD_MODES ("regular queue"), LOAD_TIMEOUT_S (whole suite after the n8n install: 900),
# LOAD_REQUESTS (100), LOAD_REQUEST_TIMEOUT_S (180), LOAD_PORTAL_BUCKET ("50/2": burst/per second;
# "off" checks the suite itself against an unlimited portal), KEEP_LOAD_TEST_DIR=1 (keep the temp folders
# even when everything passed; they are always kept on failure).
set -euo pipefail

LOAD_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$LOAD_DIR/../n8n/lib.sh"

MODES="${LOAD_MODES:-regular queue}"
TIMEOUT_S="${LOAD_TIMEOUT_S:-900}"

fail_early() {
  echo "$1" >&2
  echo "0 passed, 1 failed"
  exit 1
}
check_package_built || fail_early "The package is not built."
[ -f "$REPO_ROOT/.build/test/portal/index.js" ] ||
  fail_early "The test portal is not compiled (.build/test/portal/index.js): run npm run build:test first."
n8n_ensure_installed || fail_early "n8n could not be installed."
ulimit -c 0 2>/dev/null || true

deadline_s=$((SECONDS + TIMEOUT_S))
export LOAD_DEADLINE_MS=$(( $(date +%s%3N) + TIMEOUT_S * 1000 ))

works=()  # temp folders, one per mode
status=1  # of the whole suite
driver=   # the running mode

# What a mode started besides n8n (Redis, PostgreSQL) is written to <work>/services, one line
# each, so that this shell can stop it even when the mode's subshell was killed.
stop_services() {
  local file="$1/services" line
  [ -f "$file" ] || return 0
  tac "$file" | while read -r line; do
    eval "$line" || true
  done
  rm -f "$file"
}

cleanup() {
  [ -n "$driver" ] && kill "$driver" 2>/dev/null && wait "$driver" 2>/dev/null || true
  local work
  for work in "${works[@]}"; do
    kill_pids_in "$work/pids"
    stop_services "$work"
  done
  for work in "${works[@]}"; do
    if [ "$status" -eq 0 ] && [ "${KEEP_LOAD_TEST_DIR:-}" != 1 ]; then
      rm -rf "$work"
    else
      echo "load test folder kept: $work" >&2
    fi
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

left() { echo $((deadline_s - SECONDS)); }

# ------------------------------------------------------------------ Redis and PostgreSQL

ensure_redis() {
  command -v redis-server > /dev/null && return 0
  echo "redis-server is missing: apt-get install -y redis-server" >&2
  DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -q redis-server > "$1/apt.log" 2>&1 ||
    { timeout 300 apt-get update -q >> "$1/apt.log" 2>&1 &&
      DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -q redis-server >> "$1/apt.log" 2>&1; } ||
    { tail -n 20 "$1/apt.log" >&2; return 1; }
  command -v redis-server > /dev/null
}

start_redis() {
  local work="$1" port dir
  port="$(free_port)"
  dir="$work/redis"
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" > /dev/null
  echo "stop_redis '$dir' '$port'" >> "$work/services"
  local i
  for i in $(seq 1 60); do
    [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] && break
    sleep 0.5
  done
  [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] || {
    tail -n 20 "$dir/redis.log" >&2
    return 1
  }
  export QUEUE_BULL_REDIS_HOST=127.0.0.1 QUEUE_BULL_REDIS_PORT="$port"
  echo "redis $(redis-server --version | grep -o 'v=[0-9.]*') on 127.0.0.1:$port"
}

stop_redis() {
  local dir="$1" port="$2" pid
  redis-cli -h 127.0.0.1 -p "$port" shutdown nosave > /dev/null 2>&1 || true
  pid="$(cat "$dir/redis.pid" 2>/dev/null || true)"
  [ -n "$pid" ] || return 0
  local i
  for i in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
}

as_postgres() {
  if command -v runuser > /dev/null; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
}

start_postgres() {
  local work="$1" bin port dir
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "no PostgreSQL under /usr/lib/postgresql/*/bin" >&2; return 1; }
  id postgres > /dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  port="$(free_port)"
  dir="$work/postgres"
  mkdir -p "$dir/data" "$dir/socket"
  chmod 755 "$work"
  chown -R postgres: "$dir"
  # initdb refuses to run as root; the cluster is the postgres user's, trust on loopback only.
  as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C --no-sync > "$dir/initdb.log" 2>&1 ||
    { tail -n 20 "$dir/initdb.log" >&2; return 1; }
  echo "stop_postgres '$bin' '$dir'" >> "$work/services"
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start > /dev/null || { tail -n 20 "$dir/postgres.log" >&2; return 1; }
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres n8n || return 1
  export DB_TYPE=postgresdb DB_POSTGRESDB_HOST=127.0.0.1 DB_POSTGRESDB_PORT="$port" \
    DB_POSTGRESDB_DATABASE=n8n DB_POSTGRESDB_USER=postgres DB_POSTGRESDB_PASSWORD=
  echo "postgres $("$bin/postgres" --version | grep -o '[0-9][0-9.]*' | head -n 1) on 127.0.0.1:$port"
}

stop_postgres() {
  local bin="$1" dir="$2"
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop > /dev/null 2>&1 ||
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 10 stop > /dev/null 2>&1 || true
}

# ------------------------------------------------------------------ the modes

echo "n8n $("$SYSTEM_NODE" -p 'require(process.argv[1]).version' "$N8N_HOME/app/node_modules/n8n/package.json") on Node $("$N8N_NODE" --version); modes: $MODES; time limit ${TIMEOUT_S} s"

passed=0
failed=0
results=()
for mode in $MODES; do
  echo
  echo "== $mode mode"
  if [ "$(left)" -le 0 ]; then
    echo "FAIL  [$mode] not run: the suite's time limit (${TIMEOUT_S} s) is used up"
    failed=$((failed + 1))
    results+=("RESULT mode=$mode (not run)")
    continue
  fi
  work="$(mktemp -d "${TMPDIR:-/tmp}/n8n-bitrix24-load-$mode.XXXXXX")"
  works+=("$work")
  out="$work/load.out"
  (
    # Each mode gets its own environment: nothing of queue mode leaks into regular mode.
    set -euo pipefail
    export LOAD_MODE="$mode" LOAD_WORK="$work"
    n8n_env "$work/user"
    unset N8N_RUNNERS_BROKER_PORT # load.js gives every n8n process its own
    install_package "$work/user"
    N8N_ENCRYPTION_KEY="$("$SYSTEM_NODE" -p 'require("crypto").randomBytes(24).toString("hex")')"
    export N8N_ENCRYPTION_KEY N8N_GRACEFUL_SHUTDOWN_TIMEOUT=10
    if [ "$mode" = queue ]; then
      export EXECUTIONS_MODE=queue
      ensure_redis "$work" || { echo "FAIL  [queue] redis-server could not be installed"; exit 1; }
      start_redis "$work" || { echo "FAIL  [queue] Redis did not start"; exit 1; }
      start_postgres "$work" || { echo "FAIL  [queue] PostgreSQL did not start"; exit 1; }
    fi
    "$SYSTEM_NODE" "$LOAD_DIR/load.js" &
    node_pid=$!
    trap 'kill "$node_pid" 2>/dev/null; wait "$node_pid"; stop_services "$work"; exit 130' INT TERM
    set +e
    wait "$node_pid"
    rc=$?
    set -e
    stop_services "$work"
    exit "$rc"
  ) > >(tee "$out") 2>&1 &
  driver=$!
  set +e
  # Bounded: past the deadline the mode gets TERM (load.js stops at the deadline by itself first).
  (
    until_s=$(( $(date +%s) + $(left) + 30 ))
    while kill -0 "$driver" 2>/dev/null && [ "$(date +%s)" -lt "$until_s" ]; do sleep 1; done
    kill -TERM "$driver" 2>/dev/null || true
  ) &
  watchdog=$!
  wait "$driver"
  wait "$watchdog" 2>/dev/null
  set -e
  driver=
  sleep 0.2 # tee flushes
  line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1 || true)"
  if [ -n "$line" ]; then
    passed=$((passed + $(echo "$line" | cut -d' ' -f1)))
    failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
  else
    failed=$((failed + 1))
    echo "FAIL  [$mode] the run ended without a result"
  fi
  results+=("$(grep -E '^RESULT ' "$out" | tail -n 1 || echo "RESULT mode=$mode (none)")")
done

echo
echo "== load tests"
printf '%s\n' "${results[@]}"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] && status=0
echo "$passed passed, $failed failed"
exit "$status"
