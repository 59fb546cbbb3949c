#!/usr/bin/env bash
# Installs everything the platform and its tests need on a plain Linux machine
# (Node.js ≥ 20.19 and Go ≥ 1.24 present): pnpm, the locked npm packages,
# nats-server and FerretDB (built from the Go module proxy, cached), and the build.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null || [[ $(pnpm --version) != "$PNPM_VERSION" ]]; then
  say "installing pnpm $PNPM_VERSION from the npm registry"
  npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >&2
fi

say "installing npm packages (frozen lockfile)"
pnpm install --frozen-lockfile --reporter=append-only >&2

say "installing nats-server and FerretDB (cached after the first run)"
bash infra/local/infra.sh install

say "building"
pnpm -s build
say "done"
