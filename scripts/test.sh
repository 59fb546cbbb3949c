#!/usr/bin/env bash
# Sets up and runs every check CI runs: lint, formatting, types, generated
# artefacts up to date, unit tests, then integration tests against real
# nats-server and FerretDB (or NATS_URL / MONGO_URL, or testcontainers where Docker runs),
# then the short fault suite (scripts/faults: the platform as processes, with faults injected).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[test]\033[0m %s\n' "$*" >&2; }

bash scripts/setup.sh
CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
if [[ ! -x $CHROMIUM_PATH ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    say "installing Debian's Chromium for the browser tests"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  else
    say "the browser tests need Chromium at $CHROMIUM_PATH: apt-get install chromium (or set CHROMIUM_PATH)"
    exit 1
  fi
fi
export CHROMIUM_PATH
say "lint and formatting"
pnpm -s lint
say "type-checking the tests"
pnpm -s exec tsc -p tsconfig.tests.json
say "building the web console"
pnpm -s --filter @aiplat/console build >&2
say "generated artefacts are current"
pnpm -s generated:check
# Before the tests, not beside them: it starts the whole platform and times its faults (two cores).
say "fault suite (short variant; the full one is pnpm test:faults)"
pnpm -s test:faults --short
say "unit and integration tests"
pnpm -s test
