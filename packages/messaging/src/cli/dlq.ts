import { createLogger } from '@aiplat/observability';
import { connectNats } from '../connection';
import { DeadLetters } from '../dead-letters';
import { Topology } from '../topology';

const USAGE = `usage: pnpm dlq <command>
  list [--consumer NAME] [--limit N]   dead letters, oldest first
  show SEQ                             one dead letter with its payload and headers
  replay SEQ                           re-deliver it to its consumer only, then remove it
  discard SEQ                          remove it without applying it
environment: NATS_URL (default nats://127.0.0.1:4222), NATS_USER/NATS_PASSWORD, AIPLAT_TOPOLOGY_PREFIX`;

function arg(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

function seqArg(value: string | undefined): number {
  const seq = Number(value);
  if (!Number.isInteger(seq) || seq <= 0) throw new Error(`SEQ must be a positive integer (got "${value ?? ''}")`);
  return seq;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  const nc = await connectNats({
    url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    name: 'dlq-cli',
    ...(process.env.NATS_USER ? { user: process.env.NATS_USER, pass: process.env.NATS_PASSWORD } : {}),
    logger: createLogger({ service: 'dlq-cli', level: 'warn' }),
  });
  try {
    const topology = new Topology({ prefix: process.env.AIPLAT_TOPOLOGY_PREFIX ?? '' });
    const dlq = new DeadLetters(nc.jetstream(), await nc.jetstreamManager(), topology);
    switch (command) {
      case 'list': {
        const consumer = arg(args, '--consumer');
        const letters = await dlq.list({
          ...(consumer ? { consumer } : {}),
          limit: Number(arg(args, '--limit') ?? 100),
        });
        if (letters.length === 0) console.log('no dead letters');
        for (const l of letters) {
          console.log(
            `${l.seq}\t${l.parkedAt}\t${l.consumer}\t${l.eventType ?? '?'}\t${l.eventId ?? '?'}\tattempts=${l.attempts}\t${l.reason}`,
          );
        }
        break;
      }
      case 'show':
        console.log(JSON.stringify(await dlq.get(seqArg(args[0])), null, 2));
        break;
      case 'replay': {
        const l = await dlq.replay(seqArg(args[0]));
        console.log(`replayed dead letter ${l.seq} (${l.eventType ?? '?'} ${l.eventId ?? '?'}) to ${l.consumer}`);
        break;
      }
      case 'discard':
        await dlq.discard(seqArg(args[0]));
        console.log(`discarded dead letter ${args[0]}`);
        break;
      default:
        throw new Error(`unknown command "${command}"\n${USAGE}`);
    }
  } finally {
    await nc.drain();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
