#!/usr/bin/env node
// The fault suite: the real platform as separate processes, faults injected under a bounded load of
// task changes on tasks with linked allocations, effects counted from the outside.
//
//   pnpm build && pnpm test:faults            # every scenario (~15 min)
//   pnpm test:faults --short                  # the CI subset with less load (~5 min)
//   pnpm test:faults --only=reorder,db-long   # some scenarios
//   --short-outage=130 (s, the dead-letter case), --keep (leave the temp dir with the logs)
//
// Exits non-zero when any scenario fails; the last line is `faults: N passed, N failed`.
'use strict';
const { Api, makeFixtures } = require('./api.cjs');
const { Observer } = require('./count.cjs');
const { Load } = require('./load.cjs');
const { startPlatform, log, sleep, SERVICES } = require('./processes.cjs');
const { scenarios } = require('./scenarios.cjs');
const { render } = require('./table.cjs');

const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const value = (name) => flag(name)?.split('=')[1];

const SHORT = !!flag('short');
const ORDER_FULL = [
  'kill-tasks',
  'kill-funding',
  'kill-consultations',
  'kill-committee',
  'kill-talent',
  'kill-gateway',
  'nats-restart',
  'db-long',
  'db-short',
  'reorder',
];
const ORDER_SHORT = ['kill-funding', 'kill-consultations', 'nats-restart', 'db-long', 'db-short', 'reorder'];
const TUNING = {
  ackWaitMs: Number(process.env.EVENT_ACK_WAIT_MS ?? 3_000),
  maxAttempts: Number(process.env.EVENT_MAX_ATTEMPTS ?? 5),
};

async function main() {
  const t0 = Date.now();
  const all = scenarios();
  const chosen = value('only') ? value('only').split(',') : SHORT ? ORDER_SHORT : ORDER_FULL;
  for (const n of chosen) if (!all[n]) throw new Error(`no scenario ${n} (have: ${Object.keys(all).join(', ')})`);
  const perScenario = SHORT ? 4 : 8; // tasks per scenario
  const moves = SHORT ? 2 : 4; // accepted moves per task in a scenario's load

  const p = await startPlatform({ tuning: TUNING });
  const results = [];
  let obs;
  try {
    const api = new Api(p.base);
    log(`fixtures: ${perScenario * chosen.length} tasks in progress, one approved allocation each`);
    const fixtures = await makeFixtures(api, p.gatewayEnv, perScenario * chosen.length);
    obs = new Observer(p);
    await obs.connect();
    const consumers = await obs.consumers();
    const funding = consumers.find((c) => c.name === 'funding-task-checks');
    const figures = {
      ackWaitMs: funding.ackWaitMs,
      // Unlimited on the server (-1) once the runner parks by itself: the attempts it allows, plus its spare.
      maxDeliver: funding.maxDeliver > 0 ? funding.maxDeliver : TUNING.maxAttempts + 1,
      serverMaxDeliver: funding.maxDeliver,
      shortOutageMs: Number(value('short-outage') ?? 130) * 1000,
    };
    log(
      `consumers on the server: ack wait ${figures.ackWaitMs} ms, max deliver ${figures.serverMaxDeliver}` +
        (figures.ackWaitMs !== TUNING.ackWaitMs ? ` (EVENT_ACK_WAIT_MS=${TUNING.ackWaitMs} not honoured)` : ''),
    );
    const settleTimeoutMs = figures.ackWaitMs * figures.maxDeliver + 150_000;
    // Longer than the outbox relay's longest sweep backoff (30 s), so an entry it has yet to publish is waited for.
    const quietMs = Math.max(35_000, figures.ackWaitMs + 5_000);

    for (const [i, name] of chosen.entries()) {
      const scenario = all[name];
      const tasks = fixtures.slice(i * perScenario, (i + 1) * perScenario);
      const notes = [];
      const planted = { ids: new Set(), count: 0 };
      const started = Date.now();
      log(`▶ ${scenario.name}`);
      const result = { name: scenario.name, notes };
      try {
        const base = await obs.baseline(tasks, api);
        const load = new Load(api);
        const outcome = await scenario.run({
          p,
          obs,
          api,
          load,
          tasks,
          moves,
          figures,
          planted,
          note: (n) => {
            notes.push(n);
            log(`  ${n}`);
          },
        });
        await ensureAllUp(p);
        const settled = await obs.settle({ tasks, base, timeoutMs: settleTimeoutMs, quietMs });
        const tally = await obs.tally({
          tasks,
          api,
          base,
          accepted: load.accepted,
          expectParked: planted.count,
          plantedIds: planted.ids,
        });
        Object.assign(result, tally, { recoveryMs: settled.settledMs, complete: settled.complete });
        if (outcome && outcome.exercised === false) {
          result.ok = false;
          result.problems.push('the fault did not exercise what it is for (see the note)');
        }
        notes.push(
          `${Object.values(load.accepted).reduce((a, b) => a + b, 0)} moves accepted, ${load.failed} failed, ${load.refused} refused; ${((Date.now() - started) / 1000).toFixed(0)} s`,
        );
      } catch (err) {
        result.error = err instanceof Error ? err.message.split('\n')[0] : String(err);
        result.ok = false;
        await ensureAllUp(p).catch((e) => notes.push(`could not bring the platform back: ${e}`));
      }
      results.push(result);
      log(`  ${result.ok ? 'pass' : 'FAIL'} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await obs?.close();
    await p.stopAll();
    if (flag('keep') || results.some((r) => !r.ok)) log(`logs kept in ${p.logs}`);
    else p.removeData();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`\nfault suite${SHORT ? ' (short)' : ''} · ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  console.log(render(results));
  console.log(`\nfaults: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

/** After a scenario (passed or not): every process running and resumed. */
async function ensureAllUp(p) {
  if (!p.nats.running) await p.nats.start();
  if (!p.ferretdb.running) await p.ferretdb.start();
  for (const name of [...SERVICES, 'gateway']) {
    const svc = p.services[name];
    if (svc.paused) svc.resume();
    if (!svc.running) await svc.start();
  }
  await sleep(200);
}

main().catch((err) => {
  console.error(err);
  console.log('\nfaults: 0 passed, 1 failed');
  process.exit(1);
});
