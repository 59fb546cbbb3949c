// Shared by the gateway benchmarks: servers, readiness, sign-in, memory.
const { readFileSync } = require('node:fs');
const { startLocalFerretDb, startLocalNats } = require('@aiplat/testing');

const progress = (m) => process.stderr.write(`[bench] ${m}\n`);

/** NATS and the MongoDB-wire server: NATS_URL / MONGO_URL when set, else local binaries (stopped by `stop`). */
async function startInfra() {
  const started = [];
  let natsUrl = process.env.NATS_URL;
  let mongoUrl = process.env.MONGO_URL;
  if (!natsUrl) {
    const s = await startLocalNats();
    started.push(s);
    natsUrl = s.url;
  }
  if (!mongoUrl) {
    const s = await startLocalFerretDb();
    started.push(s);
    mongoUrl = s.url;
  }
  return {
    natsUrl,
    mongoUrl,
    started,
    stop: async () => {
      for (const s of started) await s.stop();
    },
  };
}

async function waitUntilReady(base, attempts = 150) {
  for (let i = 0; i < attempts; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${base} did not become ready`);
}

async function signIn(base, username, password) {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return (await res.json()).accessToken;
}

/** The password `setup-accounts demo` printed for a user. */
function demoPassword(table, username) {
  return new RegExp(`^${username}\\s+\\S+\\s+\\S+\\s+(\\S+)`, 'm').exec(table)?.[1];
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

const exited = (child) => new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));

module.exports = { progress, startInfra, waitUntilReady, signIn, demoPassword, rssMb, exited };
