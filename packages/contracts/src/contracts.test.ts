import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeEvent } from './decode';
import { platformEvents } from './events';
import { defineEvent, defineEventRegistry, defineRpc } from './registry';
import { deadLetterSubject, eventSubject, replaySubject, rpcSubject } from './subjects';
import { renderCatalogue } from './catalogue';
import { platformRpcs } from './rpc';

const validTaskChange = {
  id: '6f1c2a4e-3b1d-4c8e-9a7f-2b5d8e1f0a13',
  type: 'task.status_changed',
  version: 1,
  time: '2026-11-28T09:00:00.000Z',
  source: 'tasks',
  aggregateId: 'task-2020-3.2',
  aggregateVersion: 4,
  correlationId: 'req-1',
  causationId: 'req-1',
  actor: { kind: 'user', id: 'u-1', unitId: 'sfgw', roles: ['bureau'] },
  data: {
    taskId: 'task-2020-3.2',
    code: '2020-3.2',
    title: '建设智能语音国家级产业集群',
    from: 'in_progress',
    to: 'at_risk',
    leadUnitIds: ['city-economy-it'],
    coUnitIds: [],
  },
};

describe('subjects', () => {
  it('builds subjects from the naming scheme', () => {
    expect(eventSubject('tasks', 'task.status_changed')).toBe('ev.tasks.task.status_changed');
    expect(rpcSubject('funding', 'allocation', 'approve')).toBe('rpc.funding.allocation.approve');
    expect(replaySubject('funding-task-checks', 'ev.tasks.task.status_changed')).toBe(
      'replay.funding-task-checks.ev.tasks.task.status_changed',
    );
    expect(deadLetterSubject('funding-task-checks', 'ev.tasks.task.status_changed')).toBe(
      'dlq.funding-task-checks.ev.tasks.task.status_changed',
    );
  });

  it('refuses tokens that would break subject matching', () => {
    expect(() => eventSubject('tasks', 'task.status.changed')).toThrow(/aggregate>.<event>/);
    expect(() => eventSubject('Tasks', 'task.x')).toThrow(/not a valid subject token/);
    expect(() => rpcSubject('tasks', 'task', '*')).toThrow(/not a valid subject token/);
    expect(() => replaySubject('bad.name', 'ev.a.b.c')).toThrow(/consumer name/);
  });
});

describe('registry', () => {
  it('refuses a type defined twice', () => {
    const a = defineEvent({ type: 'x.happened', version: 1, source: 's', description: '', data: z.object({}) });
    expect(() => defineEventRegistry(a, a)).toThrow(/defined twice/);
  });

  it('refuses an rpc subject outside its service', () => {
    expect(() =>
      defineRpc({
        subject: 'rpc.tasks.x.y',
        service: 'funding',
        description: '',
        request: z.object({}),
        response: z.object({}),
      }),
    ).toThrow(/must start with rpc.funding./);
  });

  it('derives each event subject from its source and type', () => {
    expect(platformEvents['task.status_changed'].subject).toBe('ev.tasks.task.status_changed');
  });
});

describe('decodeEvent', () => {
  it('accepts a valid envelope and returns its typed data', () => {
    const r = decodeEvent(platformEvents, JSON.stringify(validTaskChange));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.envelope.data).toEqual(validTaskChange.data);
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['a missing id', JSON.stringify({ ...validTaskChange, id: undefined }), /envelope is invalid/],
    ['an unknown field', JSON.stringify({ ...validTaskChange, extra: 1 }), /envelope is invalid/],
    ['an unknown type', JSON.stringify({ ...validTaskChange, type: 'task.exploded' }), /unknown event type/],
    ['another version', JSON.stringify({ ...validTaskChange, version: 2 }), /v2 is not supported/],
    [
      'a bad status',
      JSON.stringify({ ...validTaskChange, data: { ...validTaskChange.data, to: 'done' } }),
      /data of task.status_changed is invalid/,
    ],
    [
      'an operator as a value',
      JSON.stringify({ ...validTaskChange, data: { ...validTaskChange.data, code: { $gt: '' } } }),
      /data of task.status_changed is invalid/,
    ],
  ])('rejects %s', (_name, raw, reason) => {
    const r = decodeEvent(platformEvents, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('catalogue', () => {
  it('lists every event with its subject, producer and consumers, and every rpc', () => {
    const md = renderCatalogue(platformEvents, platformRpcs);
    expect(md).toContain(
      '| [`task.status_changed`](#taskstatus_changed) | 1 | `ev.tasks.task.status_changed` | tasks | funding, consultations, committee |',
    );
    expect(md).toContain('`rpc.funding.health.check`');
    expect(md).toContain('"leadUnitIds"');
  });
});
