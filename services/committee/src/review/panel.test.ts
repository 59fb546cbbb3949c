import { describe, expect, it } from 'vitest';
import { conflictOf, selectPanel, type Candidate } from './panel';
import { fieldsFromText } from '@aiplat/contracts';

const TERM = { from: '2026-01-01', to: '2028-12-31' };
const DAY = '2026-11-28';

function expert(id: string, over: Partial<Candidate> = {}): Candidate {
  return {
    _id: id,
    userId: `u-${id}`,
    name: id,
    fields: ['intelligent_speech'],
    affiliation: { organisation: `Org ${id}` },
    status: 'active',
    term: TERM,
    ...over,
  };
}

const noConflicts = { creditCodes: [], organisations: [], unitIds: [] };

describe('panel selection', () => {
  it('prefers experts sharing more of the fields, then the less loaded, and fills with others only when short', () => {
    const experts = [
      expert('a', { fields: ['robotics'] }),
      expert('b', { fields: ['intelligent_speech', 'machine_vision'] }),
      expert('c'),
      expert('d'),
    ];
    const { chosen } = selectPanel({
      experts,
      fields: ['intelligent_speech', 'machine_vision'],
      conflicts: noConflicts,
      size: 3,
      day: DAY,
      load: new Map([['c', 2]]),
    });
    expect(chosen.map((e) => e._id)).toEqual(['b', 'd', 'c']);
    const short = selectPanel({ experts, fields: ['machine_vision'], conflicts: noConflicts, size: 3, day: DAY });
    expect(short.chosen.map((e) => e._id)).toEqual(['b', 'a', 'c']);
  });

  it('never chooses an expert of the applicant (credit code or name) or of a lead unit', () => {
    const code = '91350100M000100Y43';
    const experts = [
      expert('same-code', { affiliation: { organisation: 'Another name', creditCode: code } }),
      expert('same-name', { affiliation: { organisation: ' 合肥某 智能科技有限公司 ' } }),
      expert('lead-unit', { affiliation: { organisation: 'EIT', unitId: 'city-economy-it' } }),
      expert('free'),
    ];
    const conflicts = { creditCodes: [code], organisations: ['合肥某智能科技有限公司'], unitIds: ['city-economy-it'] };
    const { chosen, conflicted } = selectPanel({ experts, fields: [], conflicts, size: 3, day: DAY });
    expect(chosen.map((e) => e._id)).toEqual(['free']);
    expect(conflicted.map((c) => c.expertId).sort()).toEqual(['lead-unit', 'same-code', 'same-name']);
    expect(conflictOf(experts[2]!, conflicts)).toMatch(/lead unit/);
  });

  it('skips suspended experts, experts outside their term and those already on the panel', () => {
    const experts = [
      expert('suspended', { status: 'suspended' }),
      expert('expired', { term: { from: '2020-01-01', to: '2025-12-31' } }),
      expert('future', { term: { from: '2027-01-01', to: '2029-12-31' } }),
      expert('already'),
      expert('ok'),
    ];
    const { chosen } = selectPanel({
      experts,
      fields: ['intelligent_speech'],
      conflicts: noConflicts,
      size: 3,
      day: DAY,
      exclude: new Set(['already']),
    });
    expect(chosen.map((e) => e._id)).toEqual(['ok']);
  });

  it('reads the fields a review is about from its text', () => {
    expect(fieldsFromText('建设智能语音国家级产业集群', '机器人')).toEqual(['intelligent_speech', 'robotics']);
    expect(fieldsFromText('Autonomous driving test zone')).toEqual(['autonomous_driving']);
    expect(fieldsFromText('other')).toEqual([]);
  });
});
