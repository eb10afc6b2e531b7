#!/usr/bin/env bash
# npm start: build the package, start the Bitrix24 test portal and a local n8n with the
# package loaded, credentials for the portal and an example workflow. n8n runs in the
# foreground; Ctrl-C stops it and the portal. State lives in .n8n-start/ (gitignored; n8n 1.x:
# .n8n-start/n8n-1.x/);
# delete that folder to start over.
#
# Env: N8N_PORT (5678), PORTAL_PORT (8899), N8N_BITRIX24_CACHE (where n8n is installed),
# N8N_START_SKIP_BUILD=1 (use dist/ and .build/ as they are), N8N_START_STATE (the state folder),
# N8N_VERSION (which n8n: 2.x, the default, or 1.x; see install.sh).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

N8N_PORT="${N8N_PORT:-5678}"
PORTAL_PORT="${PORTAL_PORT:-8899}"

port_busy() {
  "$SYSTEM_NODE" -e '
    const s = require("net").connect(Number(process.argv[1]), "127.0.0.1");
    s.on("connect", () => process.exit(0)); s.on("error", () => process.exit(1));' "$1"
}
for port in "$N8N_PORT" "$PORTAL_PORT"; do
  if port_busy "$port"; then
    echo "Port $port is in use (another n8n or portal?). Stop it, or set N8N_PORT / PORTAL_PORT." >&2
    exit 1
  fi
done

if [ "${N8N_START_SKIP_BUILD:-}" != 1 ]; then
  echo "== Building the package and the test portal"
  npm run build
  npm run build:test
fi
check_package_built
portal_js="$REPO_ROOT/.build/test/portal/cli.js"
[ -f "$portal_js" ] || { echo "The test portal is not compiled: $portal_js is missing" >&2; exit 1; }

echo "== n8n (installed once into a cache outside the clone; the first time takes ~8 minutes)"
n8n_ensure_installed

# n8n 1.x cannot open a database n8n 2.x has migrated: it gets a state folder of its own.
case "$N8N_INSTALLED_VERSION" in
  1.*) STATE="${N8N_START_STATE:-$REPO_ROOT/.n8n-start/n8n-1.x}" ;;
  *) STATE="${N8N_START_STATE:-$REPO_ROOT/.n8n-start}" ;;
esac
mkdir -p "$STATE"
n8n_env "$STATE"
export N8N_PORT
install_package "$STATE"

# One webhook code for this folder, so the imported credential stays valid across restarts.
if [ ! -s "$STATE/webhook-code" ]; then
  "$SYSTEM_NODE" -p 'require("crypto").randomBytes(12).toString("hex")' > "$STATE/webhook-code"
fi

portal_pid=
n8n_pid=
runner_pid=
cleanup() {
  [ -n "$n8n_pid" ] && kill -TERM "$n8n_pid" 2>/dev/null || true
  if [ -n "$runner_pid" ]; then
    kill -TERM "$runner_pid" 2>/dev/null || true
    wait "$runner_pid" 2>/dev/null || true
  fi
  if [ -n "$portal_pid" ]; then
    kill "$portal_pid" 2>/dev/null || true
    wait "$portal_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== Starting the test portal on port $PORTAL_PORT"
: > "$STATE/portal.log"
PORTAL_PORT="$PORTAL_PORT" PORTAL_HOST="${PORTAL_HOST:-127.0.0.1}" \
  PORTAL_WEBHOOK_CODE="$(cat "$STATE/webhook-code")" \
  PORTAL_REDIRECT_URI="http://localhost:$N8N_PORT/rest/oauth2-credential/callback" \
  "$SYSTEM_NODE" "$portal_js" > "$STATE/portal.log" 2>&1 &
portal_pid=$!
for _ in $(seq 1 150); do
  head -n 1 "$STATE/portal.log" | grep -q '^{' && break
  kill -0 "$portal_pid" 2>/dev/null || { echo "The portal exited:" >&2; cat "$STATE/portal.log" >&2; exit 1; }
  sleep 0.2
done
head -n 1 "$STATE/portal.log" | grep -q '^{' || { echo "The portal did not start:" >&2; cat "$STATE/portal.log" >&2; exit 1; }
head -n 1 "$STATE/portal.log" > "$STATE/portal.json"

n8n_cli() {
  PATH="$(dirname "$N8N_NODE"):$PATH" "$N8N_NODE" "$N8N_BIN" "$@"
}

# Credentials are imported when they differ from the last import (a new port, say): an import
# replaces the stored credential, OAuth2 connection included. The example workflow is
# imported once, so edits made to it in the editor are kept.
rm -rf "$STATE/fixtures.new"
"$SYSTEM_NODE" "$N8N_DIR_OF_LIB/fixtures.js" example "$STATE/portal.json" "$STATE/fixtures.new"
if ! cmp -s "$STATE/fixtures.new/credentials.json" "$STATE/fixtures/credentials.json"; then
  echo "== Importing the credentials \"Bitrix24 test portal (webhook)\" and \"(OAuth2)\""
  n8n_cli import:credentials --input="$STATE/fixtures.new/credentials.json" > "$STATE/import.log" 2>&1 \
    || { cat "$STATE/import.log" >&2; exit 1; }
fi
if [ ! -f "$STATE/.example-imported" ]; then
  echo "== Importing the example workflow"
  n8n_cli import:workflow --separate --input="$STATE/fixtures.new/workflows" >> "$STATE/import.log" 2>&1 \
    || { cat "$STATE/import.log" >&2; exit 1; }
  date > "$STATE/.example-imported"
fi
rm -rf "$STATE/fixtures"
mv "$STATE/fixtures.new" "$STATE/fixtures"

"$SYSTEM_NODE" -e '
  const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const n8nUrl = `http://localhost:${process.argv[2]}`;
  console.log(`
n8n:              ${n8nUrl}   (starting: "n8n is ready" is printed when it answers)
Bitrix24 portal:  ${p.url}   (test portal with demo data; log ${process.argv[3]}/portal.log)
  webhook URL:    ${p.webhookUrl}
  OAuth2 app:     client id ${p.clientId}
                  authorize ${p.authorizeUrl}   token ${p.tokenUrl}

What to do:
  1. Open ${n8nUrl}. The first time, n8n asks you to set up an owner account (any email
     and password; it stays on this machine, in ${process.argv[3]}/).
  2. Open the workflow "Bitrix24 example: deals from the test portal" and click
     "Execute workflow". It uses the credential "Bitrix24 test portal (webhook)".
  3. OAuth2: open the credential "Bitrix24 test portal (OAuth2)" and click "Connect my
     account"; the portal grants access at once. The portal forgets tokens when it stops,
     so reconnect after each npm start.
Stop with Ctrl-C (stops n8n and the portal).
`);' "$STATE/portal.json" "$N8N_PORT" "${STATE#"$REPO_ROOT"/}"

echo "== Starting n8n (task broker on port $N8N_RUNNERS_BROKER_PORT)"
# Task runners in external mode, as n8n's deprecation notice for the internal mode asks:
# task-runner.js is the launcher (the JavaScript runner for the Code node), sharing a token
# with n8n's task broker. In internal mode n8n would also try a Python runner, whose
# environment exists only in n8n's Docker image, and say it failed.
export N8N_RUNNERS_MODE=external
N8N_RUNNERS_AUTH_TOKEN="$("$SYSTEM_NODE" -p 'require("crypto").randomBytes(24).toString("hex")')"
export N8N_RUNNERS_AUTH_TOKEN
"$SYSTEM_NODE" "$N8N_DIR_OF_LIB/task-runner.js" &
runner_pid=$!
# In the background with `wait`, so that Ctrl-C or a TERM to this script reaches the trap
# at once; the trap asks n8n to shut down and the loop waits until it has.
(PATH="$(dirname "$N8N_NODE"):$PATH" exec "$N8N_NODE" "$N8N_BIN" start) &
n8n_pid=$!
# "ready" only once n8n answers: its health endpoint, then the editor page
(
  for _ in $(seq 1 600); do
    kill -0 "$n8n_pid" 2>/dev/null || exit 0
    if "$SYSTEM_NODE" -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
      "http://localhost:$N8N_PORT/healthz/readiness" 2>/dev/null; then
      echo
      echo "== n8n is ready: http://localhost:$N8N_PORT  (credentials \"Bitrix24 test portal (webhook)\" and \"(OAuth2)\")"
      exit 0
    fi
    sleep 1
  done
) &
trap 'kill -TERM "$n8n_pid" 2>/dev/null || true' INT TERM
status=0
while :; do
  set +e
  wait "$n8n_pid"
  status=$?
  set -e
  kill -0 "$n8n_pid" 2>/dev/null || break
done
n8n_pid=
exit "$status"
