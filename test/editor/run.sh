#!/usr/bin/env bash
# npm run test:editor: the package in n8n's editor, in Chromium (check.js). Needs `npm run build`
# and `npm run build:test` done first. Installs Debian's chromium with apt-get when no Chromium
# is found (set CHROMIUM to use another one), and n8n into the cache like the real-n8n test.
# The editor test runs against n8n 2.x (N8N_VERSION is honoured; the selectors are 2.x's).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../n8n/lib.sh"

fail_early() {
  echo "$1" >&2
  echo "0 passed, 1 failed"
  exit 1
}
check_package_built || fail_early "The package is not built."
[ -f "$REPO_ROOT/.build/test/portal/index.js" ] ||
  fail_early "The test portal is not compiled: run npm run build:test first."

find_chromium() {
  CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
}
find_chromium
if [ -z "$CHROMIUM" ]; then
  echo "No Chromium found: apt-get install -y chromium" >&2
  log="$(mktemp)"
  { DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q chromium > "$log" 2>&1 ||
    { timeout 300 apt-get update -q >> "$log" 2>&1 &&
      DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q chromium >> "$log" 2>&1; }; } ||
    { tail -20 "$log" >&2; fail_early "chromium could not be installed (set CHROMIUM to a Chromium binary)."; }
  find_chromium
fi
[ -n "$CHROMIUM" ] || fail_early "chromium is still missing after apt-get."
export CHROMIUM

n8n_ensure_installed || fail_early "n8n could not be installed."
ulimit -c 0 2>/dev/null || true

work="$(mktemp -d "${TMPDIR:-/tmp}/n8n-bitrix24-editor.XXXXXX")"
mkdir -p "$work/logs" "$work/fixtures"
status=1
checker=
cleanup() {
  [ -n "$checker" ] && kill "$checker" 2>/dev/null || true
  kill_pids_in "$work/pids"
  if [ "$status" -eq 0 ] && [ "${KEEP_N8N_TEST_DIR:-}" != 1 ]; then
    rm -rf "$work"
  else
    echo "editor test folder kept: $work" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

n8n_env "$work/user"
install_package "$work/user"
export N8N_TEST_WORK="$work"

echo "n8n $N8N_INSTALLED_VERSION in $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
"$SYSTEM_NODE" "$REPO_ROOT/test/editor/check.js" &
checker=$!
set +e
wait "$checker"
status=$?
set -e
checker=
exit "$status"
