#!/usr/bin/env bash
# npm run test:n8n: the built package inside a real n8n, against the test portal.
# Needs `npm run build` (dist/) and `npm run build:test` (.build/: the portal) done first.
# The first run installs n8n into a cache outside the clone (~8 min); later runs take ~1 min.
#
# Env: N8N_VERSION (which n8n: 2.x, the default, or 1.x, or an exact version; see
# install.sh), N8N_BITRIX24_CACHE (install cache), KEEP_N8N_TEST_DIR=1 (keep the temp folder
# even when everything passed; it is always kept on failure).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Before check.js can run, a failure still ends with the summary line.
fail_early() {
  echo "$1" >&2
  echo "0 passed, 1 failed"
  exit 1
}
check_package_built || fail_early "The package is not built."
[ -f "$REPO_ROOT/.build/test/portal/index.js" ] ||
  fail_early "The test portal is not compiled (.build/test/portal/index.js): run npm run build:test first."
n8n_ensure_installed || fail_early "n8n could not be installed."
# n8n's CLI can crash on exit (see EXIT_CRASH in check.js); a core dump would be ~1.5 GB.
ulimit -c 0 2>/dev/null || true

work="$(mktemp -d "${TMPDIR:-/tmp}/n8n-bitrix24-test.XXXXXX")"
status=1
checker=
cleanup() {
  # check.js stops what it started; this catches anything left if it was killed.
  [ -n "$checker" ] && kill "$checker" 2>/dev/null || true
  kill_pids_in "$work/pids"
  if [ "$status" -eq 0 ] && [ "${KEEP_N8N_TEST_DIR:-}" != 1 ]; then
    rm -rf "$work"
  else
    echo "n8n test folder kept: $work" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

n8n_env "$work/user"
install_package "$work/user"
export N8N_TEST_WORK="$work"

echo "n8n $("$SYSTEM_NODE" -p 'require(process.argv[1]).version' "$N8N_HOME/app/node_modules/n8n/package.json") on Node $("$N8N_NODE" --version); package $PACKAGE_NAME; task broker port $N8N_RUNNERS_BROKER_PORT"
# In the background so that a TERM (CI timeout) reaches the trap at once instead of after
# the checks finish.
"$SYSTEM_NODE" "$N8N_DIR_OF_LIB/check.js" &
checker=$!
set +e
wait "$checker"
status=$?
set -e
checker=
exit "$status"
