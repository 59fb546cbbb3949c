import { createLogger, type Logger } from '@aiplat/observability';
import type { LocalNatsCluster, LocalNatsNode } from '@aiplat/testing';
import type { NatsConnection } from 'nats';
import { connectNats, type Topology } from '../src';

/** Warnings and errors logged by the backbone during a run, counted by message, for the closing table. */
export class CapturedLogs {
  readonly counts = new Map<string, number>();
  readonly samples: string[] = [];
  readonly logger: Logger;

  constructor(service: string) {
    this.logger = createLogger({
      service,
      level: 'warn',
      destination: {
        write: (line: string) => {
          try {
            const entry = JSON.parse(line) as {
              level?: string;
              msg?: string;
              consumer?: string;
              err?: { message?: string };
            };
            const key = `${entry.level ?? '?'}: ${entry.consumer ? `[${entry.consumer}] ` : ''}${entry.msg ?? ''}`;
            this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
            if (this.samples.length < 20 && entry.err?.message) this.samples.push(`${key} — ${entry.err.message}`);
          } catch {
            this.counts.set(line.slice(0, 80), (this.counts.get(line.slice(0, 80)) ?? 0) + 1);
          }
        },
      },
    });
  }

  table(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort((a, b) => b[1] - a[1]));
  }
}

/** Where the cluster's leaders are, asked over a connection to the given (surviving) nodes. */
export async function leaders(
  cluster: LocalNatsCluster,
  topology: Topology,
  consumer?: string,
): Promise<{ meta: string | undefined; stream: string | undefined; consumer: string | undefined }> {
  const nc = await connectNats({
    url: cluster.nodes
      .filter((n) => n.running)
      .map((n) => n.url)
      .join(','),
    name: 'observer',
  });
  try {
    const jsm = await nc.jetstreamManager();
    const stream = (await jsm.streams.info(topology.eventsStream)).cluster?.leader;
    const c = consumer ? (await jsm.consumers.info(topology.eventsStream, consumer)).cluster?.leader : undefined;
    return { meta: await metaLeader(cluster), stream, consumer: c };
  } finally {
    await nc.close();
  }
}

export async function metaLeader(cluster: LocalNatsCluster): Promise<string | undefined> {
  for (const n of cluster.nodes.filter((x) => x.running)) {
    try {
      const jsz = (await (await fetch(`${n.monitorUrl}/jsz`)).json()) as { meta_cluster?: { leader?: string } };
      if (jsz.meta_cluster?.leader) return jsz.meta_cluster.leader;
    } catch {
      // try the next node
    }
  }
  return undefined;
}

/**
 * Waits until a node other than `dead` leads the stream, asking the surviving nodes; returns the
 * time it was first seen (ms since epoch) and its name. Requests time out quickly while there is no
 * leader, so the figure is close to the election itself.
 */
export async function waitForNewStreamLeader(
  survivors: LocalNatsNode[],
  topology: Topology,
  dead: string,
  timeoutMs = 30_000,
): Promise<{ at: number; leader: string }> {
  const nc = await connectNats({ url: survivors.map((n) => n.url).join(','), name: 'leader-watch' });
  try {
    // No API check: it is itself a request that times out while the meta group elects a leader.
    const jsm = await nc.jetstreamManager({ timeout: 500, checkAPI: false });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        const info = await jsm.streams.info(topology.eventsStream);
        const leader = info.cluster?.leader;
        if (leader && leader !== dead) return { at: Date.now(), leader };
      } catch {
        // no leader yet: the request times out or answers "no responders"
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no new leader of ${topology.eventsStream} within ${timeoutMs} ms`);
  } finally {
    await nc.close();
  }
}

/**
 * Moves the leadership of a consumer to `target` (the node that leads the stream), so that killing
 * that node takes both leaders at once, the harder case. Asks for `target` as the preferred leader
 * (nats-server 2.11+), and steps down again until it holds. Do it before anything pulls from the
 * consumer: a pull pending on the old leader is lost, and EventConsumer notices only after two
 * missed idle heartbeats (~30 s).
 */
export async function moveConsumerLeader(
  nc: NatsConnection,
  topology: Topology,
  consumer: string,
  target: string,
): Promise<void> {
  const jsm = await nc.jetstreamManager();
  const subject = `$JS.API.CONSUMER.LEADER.STEPDOWN.${topology.eventsStream}.${consumer}`;
  for (let attempt = 0; attempt < 10; attempt++) {
    const leader = (await jsm.consumers.info(topology.eventsStream, consumer)).cluster?.leader;
    if (leader === target) return;
    try {
      await nc.request(subject, JSON.stringify({ placement: { preferred: target } }), { timeout: 5_000 });
    } catch {
      // an election is under way; ask again
    }
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < 40; i++) {
      const info = await jsm.consumers.info(topology.eventsStream, consumer).catch(() => undefined);
      if (info?.cluster?.leader) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`consumer ${consumer} is still not led by ${target}`);
}

/**
 * Moves the leadership of the event stream to `target` (the node that leads a consumer), asking
 * for it as the preferred leader and stepping down again until it holds. Unlike a consumer's
 * stepdown, this leaves the consumers' pending pulls where they are.
 */
export async function moveStreamLeader(nc: NatsConnection, topology: Topology, target: string): Promise<void> {
  const jsm = await nc.jetstreamManager();
  const subject = `$JS.API.STREAM.LEADER.STEPDOWN.${topology.eventsStream}`;
  for (let attempt = 0; attempt < 10; attempt++) {
    const leader = (await jsm.streams.info(topology.eventsStream).catch(() => undefined))?.cluster?.leader;
    if (leader === target) return;
    if (leader) {
      await nc
        .request(subject, JSON.stringify({ placement: { preferred: target } }), { timeout: 5_000 })
        .catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`stream ${topology.eventsStream} is still not led by ${target}`);
}
