import { SUBJECT_ROOTS } from '@aiplat/contracts';
import { headers as natsHeaders, type JetStreamClient, type JetStreamManager, type JsMsg, type MsgHdrs } from 'nats';
import type { Topology } from './topology';

export const DLQ_HEADERS = Object.freeze({
  consumer: 'Dlq-Consumer',
  reason: 'Dlq-Reason',
  attempts: 'Dlq-Attempts',
  originalSubject: 'Dlq-Original-Subject',
  originalSeq: 'Dlq-Original-Seq',
  parkedAt: 'Dlq-Parked-At',
  replayOf: 'Dlq-Replay-Of',
});

export interface DeadLetter {
  /** Sequence in the dead-letter stream: the handle operators use to replay or discard. */
  seq: number;
  consumer: string;
  reason: string;
  attempts: number;
  /** Logical subject the event was published on. */
  originalSubject: string;
  parkedAt: string;
  eventId?: string;
  eventType?: string;
  payload: string;
  headers: Record<string, string>;
}

/** Strips the replay wrapper: `replay.<consumer>.<subject>` → `<subject>`. */
export function underlyingSubject(logical: string): string {
  const replayRoot = `${SUBJECT_ROOTS.replay}.`;
  if (!logical.startsWith(replayRoot)) return logical;
  const rest = logical.slice(replayRoot.length);
  const dot = rest.indexOf('.');
  return dot === -1 ? rest : rest.slice(dot + 1);
}

function headersToRecord(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const k of h.keys()) out[k] = h.get(k);
  return out;
}

/**
 * The dead-letter stream: parking (by consumers), listing, replaying and
 * discarding (by operators, through `pnpm dlq`). JetStream has no native DLQ.
 */
export class DeadLetters {
  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly topology: Topology,
  ) {}

  /** Copies the message with its headers and the reason into the dead-letter stream. */
  async park(msg: JsMsg, consumer: string, reason: string, attempts: number): Promise<void> {
    const logical = underlyingSubject(this.topology.logical(msg.subject));
    const h = natsHeaders();
    for (const [k, v] of Object.entries(headersToRecord(msg.headers))) {
      if (k !== 'Nats-Msg-Id' && !k.startsWith('Dlq-')) h.set(k, v);
    }
    h.set(DLQ_HEADERS.consumer, consumer);
    h.set(DLQ_HEADERS.reason, reason.replace(/[\r\n]+/g, ' ').slice(0, 1000));
    h.set(DLQ_HEADERS.attempts, String(attempts));
    h.set(DLQ_HEADERS.originalSubject, logical);
    h.set(DLQ_HEADERS.originalSeq, String(msg.info.streamSequence));
    h.set(DLQ_HEADERS.parkedAt, new Date().toISOString());
    await this.js.publish(this.topology.deadLetterSubjectFor(consumer, logical), msg.data, {
      headers: h,
      // Parking the same delivery twice (a crash before term()) stores it once.
      msgID: `dlq:${consumer}:${msg.info.streamSequence}`,
      expect: { streamName: this.topology.deadLetterStream },
    });
  }

  async list(filter: { consumer?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    const subject = filter.consumer
      ? this.topology.physical(`${SUBJECT_ROOTS.deadLetters}.${filter.consumer}.>`)
      : this.topology.physical(`${SUBJECT_ROOTS.deadLetters}.>`);
    const limit = filter.limit ?? 100;
    const info = await this.jsm.streams.info(this.topology.deadLetterStream);
    if (info.state.messages === 0) return [];
    // An ordered consumer reads the stream without leaving state on the server.
    const reader = await this.js.consumers.get(this.topology.deadLetterStream, { filterSubjects: [subject] });
    const out: DeadLetter[] = [];
    const batch = await reader.fetch({ max_messages: limit, expires: 1_000 });
    for await (const m of batch) {
      out.push(this.toDeadLetter(m.info.streamSequence, m.data, m.headers));
      if (m.info.pending === 0 || out.length >= limit) break;
    }
    await reader.delete().catch(() => undefined);
    return out;
  }

  async get(seq: number): Promise<DeadLetter> {
    const m = await this.jsm.streams.getMessage(this.topology.deadLetterStream, { seq });
    return this.toDeadLetter(m.seq, m.data, m.header);
  }

  /**
   * Publishes the original bytes to `replay.<consumer>.<subject>`, which only
   * that consumer listens to, then removes the dead letter. The consumer
   * applies it through the same idempotent path, so a replay never doubles an effect.
   */
  async replay(seq: number): Promise<DeadLetter> {
    const letter = await this.get(seq);
    const h = natsHeaders();
    for (const [k, v] of Object.entries(letter.headers)) if (!k.startsWith('Dlq-')) h.set(k, v);
    h.set(DLQ_HEADERS.replayOf, String(seq));
    await this.js.publish(this.topology.replaySubjectFor(letter.consumer, letter.originalSubject), letter.payload, {
      headers: h,
      msgID: `replay:${this.topology.deadLetterStream}:${seq}`,
      expect: { streamName: this.topology.eventsStream },
    });
    await this.jsm.streams.deleteMessage(this.topology.deadLetterStream, seq);
    return letter;
  }

  /** Removes a dead letter an operator decided not to apply. */
  async discard(seq: number): Promise<void> {
    await this.jsm.streams.deleteMessage(this.topology.deadLetterStream, seq);
  }

  private toDeadLetter(seq: number, data: Uint8Array, h: MsgHdrs | undefined): DeadLetter {
    const headers = headersToRecord(h);
    const payload = new TextDecoder().decode(data);
    let eventId: string | undefined;
    let eventType: string | undefined;
    try {
      const parsed = JSON.parse(payload) as { id?: unknown; type?: unknown };
      if (typeof parsed.id === 'string') eventId = parsed.id;
      if (typeof parsed.type === 'string') eventType = parsed.type;
    } catch {
      /* a payload that is not JSON is exactly what may end up here */
    }
    return {
      seq,
      consumer: headers[DLQ_HEADERS.consumer] ?? '',
      reason: headers[DLQ_HEADERS.reason] ?? '',
      attempts: Number(headers[DLQ_HEADERS.attempts] ?? 0),
      originalSubject: headers[DLQ_HEADERS.originalSubject] ?? '',
      parkedAt: headers[DLQ_HEADERS.parkedAt] ?? '',
      ...(eventId ? { eventId } : {}),
      ...(eventType ? { eventType } : {}),
      payload,
      headers,
    };
  }
}
