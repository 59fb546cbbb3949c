#!/usr/bin/env bash
# Sets up and runs the platform on this machine: NATS with JetStream and the
# MongoDB-wire server (FerretDB) on loopback, every service that exists, the
# gateway with the web console, and one demo account per role (passwords are
# generated and printed once). Ctrl-C stops everything.
# NATS_URL / MONGO_URL point it at servers you run instead; GATEWAY_PORT (8080) moves the console.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[platform]\033[0m %s\n' "$*" >&2; }

bash scripts/setup.sh
if [[ -f services/console/package.json ]]; then
  say "building the web console"
  pnpm -s --filter @aiplat/console build >&2
fi

say "starting NATS and FerretDB"
bash infra/local/infra.sh start
eval "$(bash infra/local/infra.sh env)"

# The token-signing secret is made once per machine and kept out of the repository.
SECRETS=.local/secrets
mkdir -p "$SECRETS" && chmod 700 "$SECRETS"
if [[ ! -s $SECRETS/auth-token-secret ]]; then
  node -e "process.stdout.write(require('crypto').randomBytes(48).toString('base64url'))" >"$SECRETS/auth-token-secret"
  chmod 600 "$SECRETS/auth-token-secret"
fi
export AUTH_TOKEN_SECRET; AUTH_TOKEN_SECRET=$(cat "$SECRETS/auth-token-secret")
export GATEWAY_PORT=${GATEWAY_PORT:-8080} GATEWAY_HOST=${GATEWAY_HOST:-127.0.0.1}
export COOKIE_SECURE=false CONSOLE_DIR=$PWD/services/console/dist
LOGS=.local/logs
mkdir -p "$LOGS"

pids=()
stop() {
  say "stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash infra/local/infra.sh stop || true
}
trap stop EXIT
trap 'exit 0' INT TERM

say "demo accounts (passwords are new at every start and shown only here):"
node services/gateway/dist/cli/setup-accounts.js demo

say "demo data: the seed policy as the draft 2020 work plan (re-running adds nothing twice)"
node services/tasks/dist/cli/import-policy.js ../shared/seed/000_4ff1a9d776ae5834.txt 2020 ||
  say "no seed policy at ../shared/seed: skipping the demo plan"

# Each service: NAME → its entry point. Services add themselves here as they arrive.
start_service() {
  local name=$1
  say "starting $name (log: $LOGS/$name.log)"
  OTEL_SERVICE_NAME=$name node --require ./packages/observability/dist/register.js "services/$name/dist/main.js" \
    >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
}
start_service tasks
start_service funding
start_service consultations
start_service committee
start_service talent
start_service gateway
for _ in $(seq 1 60); do
  if curl -fsS "http://$GATEWAY_HOST:$GATEWAY_PORT/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "${pids[-1]}" 2>/dev/null; then tail -20 "$LOGS/gateway.log" >&2; exit 1; fi
  sleep 0.5
done
curl -fsS "http://$GATEWAY_HOST:$GATEWAY_PORT/readyz" >/dev/null || { tail -20 "$LOGS/gateway.log" >&2; exit 1; }

say "console   http://$GATEWAY_HOST:$GATEWAY_PORT/"
say "API docs  http://$GATEWAY_HOST:$GATEWAY_PORT/api/docs"
say "NATS $NATS_URL · MongoDB $MONGO_URL · dead letters: pnpm dlq list"
say "running; press Ctrl-C to stop"
wait -n "${pids[@]}"
say "a process exited; see $LOGS/"
