import { uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskIndex } from '../../tasks/src/task/task-index';
import { TaskQueries } from '../../tasks/src/task/task-queries';
import { eventually, startGateway, type Gateway } from './gateway-harness';
import { startTasksService } from './tasks-service';

/**
 * Lists are served from each copy's in-memory index of tasks. Two copies of the tasks service
 * share one database and one NATS: a change made through either copy shows in the lists of both.
 */
const SEED = resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');

describe('the in-memory task index across copies of the tasks service', () => {
  let gw: Gateway;
  let a: INestMicroservice;
  let b: INestMicroservice;
  const shared = { TASKS_DB: uniqueToken('tasks_'), AIPLAT_TOPOLOGY_PREFIX: uniqueToken() };
  const office = { kind: 'user' as const, id: 'office-reader', roles: ['office'], unitId: 'lg-office' };
  const statusIn = async (copy: INestMicroservice, code: string) => {
    const page = await copy.get(TaskQueries).list({ actor: office, requestId: 'r' }, { q: code }, 500);
    return page.items.find((t) => t.code === code)?.status;
  };

  beforeAll(async () => {
    a = await startTasksService(shared);
    b = await startTasksService(shared);
    gw = await startGateway();
    const imported = await gw.api('POST', '/api/v1/plans/import', {
      token: gw.accounts.office.token,
      body: { year: 2020, text: readFileSync(SEED, 'utf8') },
    });
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await gw?.close();
    await a?.close();
    await b?.close();
  });

  it('shows a change made through one copy in the lists of both, without waiting for a reload', async () => {
    // The import went to one copy; the other learns of the tasks from their task.created events.
    await eventually(async () => ((await b.get(TaskIndex).all()).length === 33 ? true : undefined));
    await eventually(async () => ((await a.get(TaskIndex).all()).length === 33 ? true : undefined));
    for (const code of ['2020-4.2', '2020-4.3', '2020-4.4', '2020-4.5']) {
      const res = await gw.api('POST', `/api/v1/tasks/${code}/moves`, {
        token: gw.accounts.office.token,
        body: { move: 'assign' },
      });
      expect(res.status).toBe(200);
      // Whichever copy made the move, both list the task as assigned within moments.
      expect(await eventually(async () => ((await statusIn(a, code)) === 'assigned' ? true : undefined))).toBe(true);
      expect(await eventually(async () => ((await statusIn(b, code)) === 'assigned' ? true : undefined))).toBe(true);
    }
  });

  it('never lets an older copy of a task replace a newer one in the index', async () => {
    const index = a.get(TaskIndex);
    const before = (await index.all()).find((t) => t._id === '2020-4.2')!;
    index.remember({ ...before, status: 'draft', version: before.version - 1, history: [] });
    expect((await index.all()).find((t) => t._id === '2020-4.2')!.status).toBe('assigned');
  });
});
