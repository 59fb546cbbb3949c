// Shared by the gateway benchmarks: servers, readiness, sign-in, memory.
const { readFileSync } = require('node:fs');
const { startLocalFerretDb, startLocalNats } = require('@aiplat/testing');

const { MongoClient } = require('mongodb');

const UNITS = ['city-economy-it', 'city-drc', 'city-science-tech', 'city-agriculture', 'city-education'];

/** Key task number `i` of a benchmark plan (in progress, led by EIT and one other unit). */
function taskDoc(i, year) {
  const section = 1 + (i % 9);
  const item = 1 + Math.floor(i / 9);
  const code = `${year}-${section}.${item}`;
  const lead = UNITS[i % UNITS.length];
  return {
    _id: code,
    code,
    planYear: year,
    title: `基准任务 ${i}：人工智能应用场景 ${section}-${item}`,
    description: '用于测量列表与状态变更的基准数据',
    policySection: { section, sectionTitle: `第${section}部分`, item },
    children: [],
    // Every task is led by EIT (whose staff make the moves) and one other unit.
    leadUnitIds: lead === 'city-economy-it' ? [lead] : ['city-economy-it', lead],
    coUnitIds: [],
    contacts: [],
    dueDate: `${year}-12-31`,
    milestones: [],
    targets: [],
    weight: 1,
    progress: i % 100,
    riskLevel: ['none', 'low', 'medium', 'high'][i % 4],
    status: 'in_progress',
    history: [],
    activity: [],
    version: 0,
  };
}

/** Inserts `n` benchmark tasks straight into the tasks database, 1,000 at a time. */
async function loadTasks(mongoUrl, dbName, n, year) {
  progress(`loading ${n} tasks into ${dbName}`);
  const mongo = await MongoClient.connect(mongoUrl);
  const coll = mongo.db(dbName).collection('tasks');
  for (let i = 0; i < n; i += 1000) {
    await coll.insertMany(Array.from({ length: Math.min(1000, n - i) }, (_, k) => taskDoc(i + k, year)));
    progress(`  ${Math.min(i + 1000, n)} / ${n}`);
  }
  await mongo.close();
}

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

module.exports = { taskDoc, loadTasks, progress, startInfra, waitUntilReady, signIn, demoPassword, rssMb, exited };
