// Counting effects from the outside: the event stream (read with an ordered consumer, no state left
// on the server), the dead-letter stream, the consumers' state, the API (tasks, allocations), and the
// funding and consultations databases read-only (the API lists neither every check nor every record).
'use strict';
const { req } = require('./resolve.cjs');

const { connect } = req('nats');
const { MongoClient } = req('mongodb');
const c = req('@aiplat/contracts');
const m = req('@aiplat/messaging');

const SUBJECTS = {
  taskChanged: c.taskStatusChanged.subject,
  checkRecorded: c.fundingCheckRecorded.subject,
  consultationOpened: c.consultationOpened.subject,
  trancheHeld: c.platformEvents['tranche.held'].subject,
  trancheReleased: c.platformEvents['tranche.released'].subject,
};
/** Statuses whose task.status_changed calls for a consultation record (services/consultations record.ts). */
const NEEDS_RECORD = new Set(['at_risk', 'completed', 'cancelled']);
const decoder = new TextDecoder();

class Observer {
  constructor(platform) {
    this.platform = platform;
    this.topology = new m.Topology({ prefix: '' });
  }

  async connect() {
    // Unlimited reconnects: the observer lives through the NATS outage scenario.
    this.nc = await connect({
      servers: this.platform.natsUrl,
      name: 'fault-suite-observer',
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
    });
    this.js = this.nc.jetstream();
    this.jsm = await this.nc.jetstreamManager();
    this.mongo = new MongoClient(this.platform.mongoUrl, { serverSelectionTimeoutMS: 3_000 });
    await this.mongo.connect();
  }

  async close() {
    await this.nc?.close().catch(() => undefined);
    await this.mongo?.close().catch(() => undefined);
  }

  async lastSeq(stream) {
    return (await this.jsm.streams.info(stream)).state.last_seq;
  }

  /** Messages of `stream` after sequence `after` on `subjects`, decoded. */
  async read(stream, after, subjects) {
    const last = await this.lastSeq(stream);
    if (last <= after) return [];
    const reader = await this.js.consumers.get(stream, { filterSubjects: subjects, opt_start_seq: after + 1 });
    const out = [];
    try {
      for (;;) {
        const batch = await reader.fetch({ max_messages: 500, expires: 2_000 });
        let n = 0;
        let done = false;
        for await (const msg of batch) {
          n++;
          let body;
          try {
            body = JSON.parse(decoder.decode(msg.data));
          } catch {
            body = undefined;
          }
          const headers = {};
          if (msg.headers) for (const k of msg.headers.keys()) headers[k] = msg.headers.get(k);
          out.push({ seq: msg.info.streamSequence, subject: msg.subject, body, headers });
          if (msg.info.streamSequence >= last || msg.info.pending === 0) done = true;
        }
        if (done || n === 0) break;
      }
    } finally {
      await reader.delete?.().catch(() => undefined);
    }
    return out;
  }

  /** Durable consumers of the events stream with what they still owe. */
  async consumers() {
    const out = [];
    for await (const ci of this.jsm.consumers.list(this.topology.eventsStream)) {
      out.push({
        name: ci.name,
        pending: ci.num_pending,
        ackPending: ci.num_ack_pending,
        redelivered: ci.num_redelivered,
        ackWaitMs: ci.config.ack_wait / 1e6,
        maxDeliver: ci.config.max_deliver,
      });
    }
    return out;
  }

  async baseline(tasks, api) {
    const history = {};
    for (const t of tasks) history[t.code] = (await taskView(api, t.code)).history.length;
    return {
      eventsSeq: await this.lastSeq(this.topology.eventsStream),
      dlqSeq: await this.lastSeq(this.topology.deadLetterStream),
      history,
    };
  }

  /**
   * The tally of one scenario: for its tasks, since its baseline. `accepted` is, per task, the
   * number of moves the API answered 200. `expectParked` is the number of dead letters planted.
   */
  async tally({ tasks, api, base, accepted, expectParked = 0, plantedIds = new Set() }) {
    const codes = new Set(tasks.map((t) => t.code));
    const events = await this.read(this.topology.eventsStream, base.eventsSeq, Object.values(SUBJECTS));
    const letters = await this.read(this.topology.deadLetterStream, base.dlqSeq, ['dlq.>']);
    const fundingDb = this.mongo.db(this.platform.dbs.funding);
    const consultDb = this.mongo.db(this.platform.dbs.consultations);

    const problems = [];
    let lost = 0;
    let duplicated = 0;
    let outOfOrder = 0;

    // Task changes: one event per committed move (history entry), none twice.
    const changes = new Map(); // event id → envelope
    const byVersion = new Map(); // code:version → Set(event ids)
    for (const e of events) {
      if (e.subject !== SUBJECTS.taskChanged || !e.body || !codes.has(e.body.aggregateId)) continue;
      changes.set(e.body.id, e.body);
      const key = `${e.body.aggregateId}:${e.body.aggregateVersion}`;
      if (!byVersion.has(key)) byVersion.set(key, new Set());
      byVersion.get(key).add(e.body.id);
    }
    for (const [key, ids] of byVersion) {
      if (ids.size > 1) {
        duplicated += ids.size - 1;
        problems.push(`${key}: ${ids.size} task.status_changed events for one move`);
      }
    }
    const finals = {};
    for (const t of tasks) {
      const view = await taskView(api, t.code);
      finals[t.code] = view;
      const committed = view.history.length - base.history[t.code];
      const published = [...byVersion.keys()].filter((k) => k.startsWith(`${t.code}:`)).length;
      if ((accepted[t.code] ?? 0) > committed) {
        lost += accepted[t.code] - committed;
        problems.push(`${t.code}: ${accepted[t.code]} moves accepted, ${committed} in its history`);
      }
      if (published < committed) {
        lost += committed - published;
        problems.push(`${t.code}: ${committed} moves committed, ${published} task.status_changed published`);
      }
    }

    // Per change: one funding check (document and event), and the consultation record its rule calls for.
    const ids = [...changes.keys()];
    const checkDocs = new Set(
      (
        await fundingDb
          .collection('funding_checks')
          .find({ _id: { $in: ids } }, { projection: { _id: 1 } })
          .toArray()
      ).map((d) => d._id),
    );
    const recordDocs = new Set(
      (
        await consultDb
          .collection('consultation_records')
          .find({ _id: { $in: ids } }, { projection: { _id: 1 } })
          .toArray()
      ).map((d) => d._id),
    );
    const checkEvents = new Map();
    const openedEvents = new Map();
    const trancheMoves = new Map(); // cause event:allocation:tranche → tranche event ids
    for (const e of events) {
      if (!e.body) continue;
      if (e.subject === SUBJECTS.trancheHeld || e.subject === SUBJECTS.trancheReleased) {
        add(trancheMoves, `${e.body.causationId}:${e.body.data?.allocationId}:${e.body.data?.tranche}`, e.body.id);
      }
      if (e.subject === SUBJECTS.checkRecorded) add(checkEvents, e.body.data?.causeEventId, e.body.id);
      if (e.subject === SUBJECTS.consultationOpened) add(openedEvents, e.body.data?.triggerEventId, e.body.id);
    }
    for (const [id, change] of changes) {
      const where = `${change.aggregateId} v${change.aggregateVersion} → ${change.data.to}`;
      const checks = checkEvents.get(id)?.size ?? 0;
      if (!checkDocs.has(id) || checks === 0) {
        lost++;
        problems.push(`${where}: no funding check (document ${checkDocs.has(id) ? 'yes' : 'no'}, event ${checks})`);
      } else if (checks > 1) {
        duplicated += checks - 1;
        problems.push(`${where}: ${checks} funding.check_recorded`);
      }
      const opened = openedEvents.get(id)?.size ?? 0;
      if (NEEDS_RECORD.has(change.data.to)) {
        if (!recordDocs.has(id) || opened === 0) {
          lost++;
          problems.push(
            `${where}: no consultation record (document ${recordDocs.has(id) ? 'yes' : 'no'}, event ${opened})`,
          );
        } else if (opened > 1) {
          duplicated += opened - 1;
          problems.push(`${where}: ${opened} consultation.opened`);
        }
      } else if (recordDocs.has(id) || opened > 0) {
        duplicated++;
        problems.push(`${where}: a consultation record no rule calls for`);
      }
    }

    // A tranche moves at most once per task change.
    for (const [key, ids] of trancheMoves) {
      const [cause] = key.split(':');
      if (changes.has(cause) && ids.size > 1) {
        duplicated += ids.size - 1;
        problems.push(`tranche ${key.split(':').slice(1).join(' #')}: moved ${ids.size} times by event ${cause}`);
      }
    }

    // The final tranche state follows the task's last status.
    for (const t of tasks) {
      const status = finals[t.code].status;
      const alloc = await api.ok('GET', `/api/v1/funding/allocations/${t.allocationId}`, { as: 'funding' });
      const held = alloc.tranches.filter((x) => x.status === 'held').length;
      const open = alloc.tranches.filter((x) => !['paid', 'disbursed', 'cancelled'].includes(x.status)).length;
      const ok = status === 'at_risk' ? held === open : held === 0;
      if (!ok) {
        outOfOrder++;
        problems.push(`${t.code}: task ${status}, tranches ${alloc.tranches.map((x) => x.status).join('/')}`);
      }
    }

    // Dead letters: exactly the planted ones.
    const parked = letters.map((l) => ({
      consumer: l.headers['Dlq-Consumer'],
      reason: l.headers['Dlq-Reason'],
      eventId: l.body?.id,
    }));
    const innocent = parked.filter((p) => !plantedIds.has(p.eventId));
    for (const p of innocent) problems.push(`parked by ${p.consumer}: ${p.eventId} (${p.reason})`);
    if (parked.length - innocent.length !== expectParked) {
      problems.push(`${parked.length - innocent.length} planted poison letters parked, ${expectParked} expected`);
    }

    const ok =
      lost === 0 && duplicated === 0 && outOfOrder === 0 && innocent.length === 0 && parked.length === expectParked;
    return { ok, lost, duplicated, outOfOrder, parked: parked.length, expectParked, changes: changes.size, problems };
  }

  /**
   * Done when every consumer of the stream has caught up and every change has its effects,
   * or nothing has moved for `quietMs` with the consumers caught up (what is missing by then is lost).
   */
  async settle({ tasks, base, timeoutMs, quietMs }) {
    const t0 = Date.now();
    let lastSignature = '';
    let quietSince = Date.now();
    for (;;) {
      let signature;
      let caughtUp = false;
      let complete = false;
      try {
        const consumers = await this.consumers();
        caughtUp = consumers.every((x) => x.pending === 0 && x.ackPending === 0);
        const s = await this.quickCounts(tasks, base);
        complete = s.complete;
        signature = JSON.stringify([consumers.map((x) => [x.pending, x.ackPending]), s.signature]);
      } catch (err) {
        signature = `error ${err}`;
      }
      if (caughtUp && complete) return { settledMs: Date.now() - t0, complete: true };
      if (signature !== lastSignature) {
        lastSignature = signature;
        quietSince = Date.now();
      } else if (caughtUp && Date.now() - quietSince > quietMs) {
        return { settledMs: quietSince - t0, complete: false };
      }
      if (Date.now() - t0 > timeoutMs) return { settledMs: Date.now() - t0, complete: false, timedOut: true };
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** Whether every change of the scenario's tasks so far has its check and its record (from the databases). */
  async quickCounts(tasks, base) {
    const codes = new Set(tasks.map((t) => t.code));
    const events = await this.read(this.topology.eventsStream, base.eventsSeq, [SUBJECTS.taskChanged]);
    const changes = events.filter((e) => e.body && codes.has(e.body.aggregateId)).map((e) => e.body);
    const ids = [...new Set(changes.map((e) => e.id))];
    const checks = await this.mongo
      .db(this.platform.dbs.funding)
      .collection('funding_checks')
      .countDocuments({ _id: { $in: ids }, outboxPending: { $ne: true } });
    const wantRecords = [...new Set(changes.filter((e) => NEEDS_RECORD.has(e.data.to)).map((e) => e.id))];
    const records = await this.mongo
      .db(this.platform.dbs.consultations)
      .collection('consultation_records')
      .countDocuments({ _id: { $in: wantRecords }, outboxPending: { $ne: true } });
    return {
      complete: checks === ids.length && records === wantRecords.length,
      signature: [ids.length, checks, records],
    };
  }

  /** Documents whose outbox the relay has not published yet, per database (evidence of commits while NATS is down). */
  async outboxPending() {
    const out = {};
    for (const [name, db] of Object.entries(this.platform.dbs)) {
      let n = 0;
      for (const coll of await this.mongo.db(db).listCollections().toArray()) {
        n += await this.mongo.db(db).collection(coll.name).countDocuments({ outboxPending: true });
      }
      out[name] = n;
    }
    return out;
  }

  /** Publishes a payload that breaks the task.status_changed contract: every consumer of it must park it. */
  async plantPoison(id) {
    const body = JSON.stringify({ id, type: 'task.status_changed', version: 1, data: { nonsense: true } });
    await this.js.publish(this.topology.physical(SUBJECTS.taskChanged), body, { msgID: `poison-${id}` });
  }
}

function add(map, key, value) {
  if (!key) return;
  if (!map.has(key)) map.set(key, new Set());
  map.get(key).add(value);
}

async function taskView(api, code) {
  return api.ok('GET', `/api/v1/tasks/${code}`, { as: 'office' });
}

module.exports = { Observer, taskView, SUBJECTS };
