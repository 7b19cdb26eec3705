#!/usr/bin/env bash
# Installs what the README's two commands need, idempotently and quietly when it is already there:
# Debian packages (real notary, docker-registry, PostgreSQL, Chromium, NSS tools), pnpm, and the
# workspace's dependencies from the frozen lockfile. Downloads nothing but from apt and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/../../.."

say() { printf '[bootstrap] %s\n' "$*" >&2; }

# --- Debian packages: "package:probe" (a probe is a command name or an absolute path glob) ---
wanted=(
  "notary:notary-server"
  "docker-registry:docker-registry"
  "postgresql:/usr/lib/postgresql/*/bin/initdb"
  "chromium:chromium"
  "libnss3-tools:certutil"
  "openssl:openssl"
  "util-linux:runuser"
  "redis-server:redis-server"
  "haproxy:/usr/sbin/haproxy"
)
# The Docker CLI client is only used by tests as the interoperability oracle (`docker trust inspect`).
command -v docker >/dev/null 2>&1 || wanted+=("docker.io:docker")

missing=()
for pair in "${wanted[@]}"; do
  pkg=${pair%%:*} probe=${pair#*:}
  if [[ $probe == /* ]]; then
    compgen -G "$probe" >/dev/null || missing+=("$pkg")
  else
    command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { say "missing Debian packages: ${missing[*]}; install them as root: apt-get install ${missing[*]}"; exit 1; }
    sudo="sudo"
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts a system PostgreSQL cluster on install; the stack runs its own, so stop that one
  # to free the default port and memory (harmless if none is running).
  if [[ " ${missing[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null; then
    pg_lsclusters -h 2>/dev/null | while read -r ver name _; do $sudo pg_ctlcluster "$ver" "$name" stop >/dev/null 2>&1 || true; done
  fi
fi

# --- pnpm from the npm registry, exactly the version package.json's packageManager names (a different
# one would try to switch itself to that version by downloading it) ---
pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [[ $(pnpm --version 2>/dev/null) != "$pnpm_version" ]]; then
  say "installing pnpm $pnpm_version"
  npm install -g --silent "pnpm@$pnpm_version" >/dev/null
fi

# --- workspace dependencies (fast no-op when node_modules matches the lockfile) ---
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
pnpm install --frozen-lockfile --prefer-offline --reporter=silent

# --- the content-trust CLI, bundled into packages/cli/dist (not committed; rebuilt when a source changed) ---
node packages/cli/build.mjs --if-stale
