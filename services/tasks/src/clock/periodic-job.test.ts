import { createLogger } from '@aiplat/observability';
import { describe, expect, it } from 'vitest';
import { PeriodicJob } from './periodic-job';

const log = createLogger({ service: 'test', level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PeriodicJob', () => {
  it('runs repeatedly, one run at a time, and keeps going after a failed run', async () => {
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const job = new PeriodicJob(
      'test',
      5,
      async () => {
        runs++;
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await sleep(10);
        concurrent--;
        if (runs === 2) throw new Error('one bad run');
      },
      log,
      0,
    );
    job.start();
    await sleep(120);
    await job.stop();
    const after = runs;
    expect(after).toBeGreaterThanOrEqual(4);
    expect(maxConcurrent).toBe(1);
    await sleep(40);
    expect(runs).toBe(after);
  });

  it('never runs with an interval of 0', async () => {
    let runs = 0;
    const job = new PeriodicJob('off', 0, async () => void runs++, log, 0);
    job.start();
    await sleep(30);
    await job.stop();
    expect(runs).toBe(0);
  });

  it('waits for the current run when stopped', async () => {
    let finished = false;
    const job = new PeriodicJob(
      'slow',
      1_000,
      async () => {
        await sleep(50);
        finished = true;
      },
      log,
      0,
    );
    job.start();
    await sleep(10);
    await job.stop();
    expect(finished).toBe(true);
  });
});
