#!/usr/bin/env bash
# Sets up and runs the platform on this machine: NATS with JetStream and the
# MongoDB-wire server (FerretDB) on loopback, then every service that exists.
# Ctrl-C stops everything. NATS_URL / MONGO_URL point it at servers you run instead.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[platform]\033[0m %s\n' "$*" >&2; }

bash scripts/setup.sh
say "starting NATS and FerretDB"
bash infra/local/infra.sh start
eval "$(bash infra/local/infra.sh env)"

stop() {
  say "stopping"
  bash infra/local/infra.sh stop || true
}
trap stop EXIT
trap 'exit 0' INT TERM

# Each service issue adds its start command here; until then the backbone alone runs.
node -e "
  const { connectNats, Topology } = require('./packages/messaging/dist');
  (async () => {
    const nc = await connectNats({ url: process.env.NATS_URL, name: 'platform-runner' });
    await new Topology().ensureStreams(await nc.jetstreamManager());
    await nc.close();
  })().catch((e) => { console.error(e); process.exit(1); });
"
say "streams EVENTS and DEADLETTER are ready"
say "NATS     $NATS_URL (monitoring http://127.0.0.1:${NATS_MONITOR_PORT:-8222})"
say "MongoDB  $MONGO_URL"
say "dead letters: pnpm dlq list · status: bash infra/local/infra.sh status"
say "running; press Ctrl-C to stop"
while true; do sleep 3600; done
