// The faults. Each scenario gets tasks of its own (in progress, one approved allocation each), takes
// a baseline, runs a bounded load with its fault, brings every process back, waits until the
// platform has settled, and tallies the effects from the outside (count.cjs).
'use strict';
const { randomUUID } = require('node:crypto');
const { linkedAllocation } = require('./api.cjs');
const { sleep, log } = require('./processes.cjs');

/** The durable consumers of task changes, by the service that runs them. */
const TASK_CONSUMERS = {
  funding: ['funding-task-checks'],
  consultations: ['consultations-task-triggers'],
  committee: ['committee-review-requests'],
};
/** Talent follows allocation decisions, not task changes: its kill scenario approves allocations while it is paused. */
const TALENT_CONSUMERS = ['talent-allocation-decisions'];

/** Waits until `consumers` have at least `n` task events delivered-but-unacknowledged or waiting. */
async function waitHeld(obs, consumers, n, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await obs.consumers();
    const owed = consumers.map((name) => {
      const c = all.find((x) => x.name === name);
      return c ? c.ackPending + c.pending : 0;
    });
    if (owed.every((x) => x >= n)) return owed;
    if (Date.now() > deadline) throw new Error(`${consumers.join(', ')} hold ${owed.join('/')} events, ${n} expected`);
    await sleep(250);
  }
}

/** kill -9 of one service while it holds unacknowledged task events (paused first), then a restart. */
function killService(name) {
  return {
    name: `kill -9 ${name}`,
    async run({ p, obs, api, load, tasks, moves, note }) {
      const svc = p.services[name];
      if (name === 'talent') {
        svc.pause();
        // One more allocation per task approved meanwhile: talent holds the allocation.approved events.
        for (const t of tasks) await linkedAllocation(api, t.code);
        const owed = await waitHeld(obs, TALENT_CONSUMERS, tasks.length);
        note(`talent paused holding ${owed.join('/')} allocation.approved events`);
        await load.run(tasks, { moves });
        await svc.kill();
        await load.run(tasks, { moves: 1 });
        await svc.start();
      } else if (TASK_CONSUMERS[name]) {
        svc.pause();
        await load.run(tasks, { moves });
        const owed = await waitHeld(obs, TASK_CONSUMERS[name], tasks.length);
        note(`${name} paused holding ${owed.join('/')} events`);
        await svc.kill();
        await load.run(tasks, { moves: 1 }); // changes made while it is down
        await svc.start();
      } else {
        // The producer (tasks) or the edge (gateway): paused and killed in the middle of the load.
        let faulted;
        await load.run(tasks, {
          moves,
          onAccepted: (total) => {
            if (total !== Math.ceil(tasks.length / 2) || faulted) return;
            faulted = (async () => {
              svc.pause();
              await sleep(3_000); // requests pile up in its socket; the gateway's calls time out
              await svc.kill();
              note(`${name} paused 3 s then killed mid-load`);
              await sleep(1_000);
              await svc.start();
            })();
          },
        });
        await faulted;
        await load.run(tasks, { moves: 1 });
      }
    },
  };
}

const natsRestart = {
  name: 'nats-server kill -9 + restart',
  async run({ p, obs, load, tasks, moves, note }) {
    // Funding holds task events in its socket when NATS dies, so it commits checks (and their
    // outbox entries) while NATS is down: the relay must publish them afterwards.
    p.services.funding.pause();
    await load.run(tasks, { moves: 1 });
    await waitHeld(obs, TASK_CONSUMERS.funding, tasks.length);
    const during = load.run(tasks, { moves, deadlineMs: 90_000 }); // requests keep coming through the outage
    await sleep(500);
    await p.nats.kill();
    p.services.funding.resume();
    await sleep(3_000);
    const pending = await obs.outboxPending().catch(() => ({}));
    const total = Object.values(pending).reduce((a, b) => a + b, 0);
    note(
      `outbox entries committed while NATS was down: ${total} (${
        Object.entries(pending)
          .filter(([, v]) => v)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none'
      })`,
    );
    await sleep(5_000);
    await p.nats.start();
    await during;
    return { exercised: total > 0 };
  },
};

/** FerretDB down while funding (and consultations) hold task events; `outageMs(figures)` decides how long. */
function dbOutage(name, outageMs, { pause = ['funding'], poison = false } = {}) {
  return {
    name,
    async run({ p, obs, load, tasks, moves, note, figures, planted }) {
      for (const s of pause) p.services[s].pause();
      if (poison) {
        // One payload that breaks the contract: each consumer of task changes parks it, nothing else.
        const id = `poison-${randomUUID()}`;
        await obs.plantPoison(id);
        planted.ids.add(id);
        planted.count += Object.keys(TASK_CONSUMERS).length;
      }
      await load.run(tasks, { moves });
      await waitHeld(
        obs,
        pause.flatMap((s) => TASK_CONSUMERS[s]),
        tasks.length,
      );
      const ms = outageMs(figures);
      note(`FerretDB down ${(ms / 1000).toFixed(0)} s; ${pause.join(', ')} paused holding events, resumed at once`);
      await p.ferretdb.kill();
      await sleep(1_000);
      for (const s of pause) p.services[s].resume();
      await sleep(ms - 1_000);
      await p.ferretdb.start();
    },
  };
}

const reorder = {
  name: 'reorder: flag_risk held, funding killed, recover',
  async run({ p, obs, load, tasks, note }) {
    p.services.funding.pause();
    await load.run(tasks, { moves: 1, moveName: 'flag_risk' });
    const owed = await waitHeld(obs, TASK_CONSUMERS.funding, tasks.length);
    await p.services.funding.kill();
    note(`funding killed holding ${owed} flag_risk events; tasks recovered while it was down`);
    await load.run(tasks, { moves: 1, moveName: 'recover' });
    await p.services.funding.start();
  },
};

/**
 * Figures come from the consumers' real configuration on the server (so the suite follows
 * EVENT_ACK_WAIT_MS / EVENT_MAX_ATTEMPTS when the services honour them, and the defaults when not).
 *  - the loss case: down for longer than ack wait × max deliveries (+10 s);
 *  - the dead-letter case: down longer than the retry backoff (1+5+15+60 s) but shorter than that.
 */
const longOutage = (f) => f.ackWaitMs * f.maxDeliver + 10_000;
const shortOutage = (f) => f.shortOutageMs;

function scenarios() {
  return {
    'kill-tasks': killService('tasks'),
    'kill-funding': killService('funding'),
    'kill-consultations': killService('consultations'),
    'kill-committee': killService('committee'),
    'kill-talent': killService('talent'),
    'kill-gateway': killService('gateway'),
    'nats-restart': natsRestart,
    'db-long': dbOutage('FerretDB down > ack wait × max deliveries', longOutage),
    'db-short': dbOutage('FerretDB down ~130 s (+1 poison message)', shortOutage, {
      pause: ['funding', 'consultations'],
      poison: true,
    }),
    reorder,
  };
}

module.exports = { scenarios, TASK_CONSUMERS, log };
