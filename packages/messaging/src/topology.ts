import { STREAMS, SUBJECT_ROOTS, deadLetterSubject, replaySubject } from '@aiplat/contracts';
import { DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from 'nats';

const DAY_NS = 24 * 60 * 60 * 1e9;

export interface TopologyOptions {
  /**
   * Prefix for every stream and subject. Empty in production; test suites use
   * their own prefix so they can share one NATS server without seeing each
   * other's events.
   */
  prefix?: string;
  /** JetStream replicas: 1 on one machine, 3 on the production cluster. */
  replicas?: number;
  /** How long domain events are kept (days). */
  eventRetentionDays?: number;
  /** Server-side de-duplication window for `Nats-Msg-Id` (ms). */
  duplicateWindowMs?: number;
}

/** Where events and dead letters live on the wire: stream names and physical subjects. */
export class Topology {
  readonly prefix: string;
  readonly replicas: number;
  private readonly retentionDays: number;
  private readonly duplicateWindowMs: number;

  constructor(options: TopologyOptions = {}) {
    this.prefix = options.prefix ?? '';
    if (this.prefix && !/^[a-z][a-z0-9_]*$/.test(this.prefix)) throw new Error(`bad topology prefix "${this.prefix}"`);
    this.replicas = options.replicas ?? 1;
    this.retentionDays = options.eventRetentionDays ?? 90;
    this.duplicateWindowMs = options.duplicateWindowMs ?? 2 * 60_000;
  }

  get eventsStream(): string {
    return this.prefix ? `${this.prefix}_${STREAMS.events}` : STREAMS.events;
  }

  get deadLetterStream(): string {
    return this.prefix ? `${this.prefix}_${STREAMS.deadLetters}` : STREAMS.deadLetters;
  }

  /** Logical subject (from the contracts registry) → the subject on this server. */
  physical(subject: string): string {
    return this.prefix ? `${this.prefix}.${subject}` : subject;
  }

  /** Physical subject → logical subject. */
  logical(subject: string): string {
    return this.prefix && subject.startsWith(`${this.prefix}.`) ? subject.slice(this.prefix.length + 1) : subject;
  }

  replaySubjectFor(consumer: string, logicalSubject: string): string {
    return this.physical(replaySubject(consumer, logicalSubject));
  }

  deadLetterSubjectFor(consumer: string, logicalSubject: string): string {
    return this.physical(deadLetterSubject(consumer, logicalSubject));
  }

  streamConfigs(): Array<Partial<StreamConfig> & { name: string; subjects: string[] }> {
    const common = {
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      num_replicas: this.replicas,
      duplicate_window: this.duplicateWindowMs * 1e6,
      // Direct get lets operators page through dead letters by subject.
      allow_direct: true,
    };
    return [
      {
        ...common,
        name: this.eventsStream,
        description: 'Domain events of the leading-group platform (and replays of dead letters to one consumer)',
        subjects: [this.physical(`${SUBJECT_ROOTS.events}.>`), this.physical(`${SUBJECT_ROOTS.replay}.>`)],
        max_age: this.retentionDays * DAY_NS,
      },
      {
        ...common,
        name: this.deadLetterStream,
        description: 'Events a consumer could not apply, with the reason; listed and replayed by operators',
        subjects: [this.physical(`${SUBJECT_ROOTS.deadLetters}.>`)],
        max_age: 365 * DAY_NS,
      },
    ];
  }

  /** Creates the streams, or updates them to this configuration; safe to run at every start. */
  async ensureStreams(jsm: JetStreamManager): Promise<void> {
    for (const config of this.streamConfigs()) {
      try {
        await jsm.streams.info(config.name);
        await jsm.streams.update(config.name, config);
      } catch (err) {
        if (!isNotFound(err)) throw err;
        try {
          await jsm.streams.add(config);
        } catch (addErr) {
          // Another copy of the service created it in between: update instead.
          if (!/already in use|exists/i.test(String(addErr))) throw addErr;
          await jsm.streams.update(config.name, config);
        }
      }
    }
  }
}

/**
 * JetStream replicas from `NATS_STREAM_REPLICAS` (1–5), or undefined when it is unset. Every copy
 * of every service runs `ensureStreams`, which updates existing streams to its own configuration:
 * one copy started without the setting on the 3-node cluster scales the streams down to one replica.
 */
export function streamReplicasFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.NATS_STREAM_REPLICAS?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 5) {
    throw new Error(`NATS_STREAM_REPLICAS must be a whole number from 1 to 5, got "${raw}"`);
  }
  return n;
}

export function isNotFound(err: unknown): boolean {
  const e = err as { code?: string; api_error?: { err_code?: number } } | undefined;
  return e?.code === '404' || e?.api_error?.err_code === 10059 || /not found/i.test(String(err));
}
