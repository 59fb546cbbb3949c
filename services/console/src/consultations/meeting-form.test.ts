import { describe, expect, it } from 'vitest';
import type { ConsultationView } from './consultation-types';
import {
  agendaItemFor,
  agendaRecordIds,
  buildAgenda,
  emptyScheduleDraft,
  meetingsByMonth,
  monthOf,
  participantRequest,
  resolutionRequest,
  scheduleProblems,
  scheduleRequest,
  withProposedParticipants,
  type ScheduleDraft,
} from './meeting-form';

const record = (id: string, over: Partial<ConsultationView> = {}): ConsultationView => ({
  id,
  type: 'risk_review',
  status: 'open',
  taskCode: 'T2020-001',
  taskTitle: '建设人工智能开放平台',
  reason: '任务有风险',
  leadUnitIds: [],
  coUnitIds: [],
  trigger: { eventId: 'e', eventType: 'task.moved', at: '2026-11-01T00:00:00Z' },
  proposedParticipants: [],
  suggestedAgenda: ['当前状态：有风险', '进度 40%'],
  meetingIds: [],
  resolutionIds: [],
  openedAt: '2026-11-01T00:00:00Z',
  version: 1,
  ...over,
});

describe('agenda builder', () => {
  it('makes one item per chosen record, with its task and suggested points', () => {
    expect(agendaItemFor(record('r1'))).toEqual({
      title: 'T2020-001 建设人工智能开放平台：当前状态：有风险；进度 40%',
      recordId: 'r1',
    });
    expect(agendaItemFor(record('r2', { suggestedAgenda: [' '] })).title).toBe('T2020-001 建设人工智能开放平台');
  });

  it('keeps the chosen order, skips unknown records, adds free lines after', () => {
    const agenda = buildAgenda([record('a'), record('b')], ['b', 'x', 'a'], '通报情况\n\n  其他事项 ');
    expect(agenda.map((item) => item.recordId ?? item.title)).toEqual(['b', 'a', '通报情况', '其他事项']);
  });

  it('clips long titles to what the API takes', () => {
    const long = buildAgenda([], [], 'x'.repeat(600))[0];
    expect(long?.title).toHaveLength(500);
  });

  it('lists the records a meeting is about, once each', () => {
    expect(
      agendaRecordIds({ agenda: [{ title: 'a', recordId: 'r1' }, { title: 'b' }, { title: 'c', recordId: 'r1' }] }),
    ).toEqual(['r1']);
  });
});

describe('participants', () => {
  it('trims, drops empty parts, upper-cases credit codes, keeps unit ids only for units', () => {
    expect(
      participantRequest({
        kind: 'enterprise',
        name: ' 讯飞 ',
        organisation: '',
        creditCode: '91340100ma2txxxx0l',
        unitId: 'x',
      }),
    ).toEqual({ kind: 'enterprise', name: '讯飞', creditCode: '91340100MA2TXXXX0L' });
    expect(
      participantRequest({ kind: 'unit', name: '市经信局', organisation: '', creditCode: '', unitId: 'city-eit' }),
    ).toEqual({
      kind: 'unit',
      name: '市经信局',
      unitId: 'city-eit',
    });
  });
});

describe('proposed participants', () => {
  const proposing = (id: string, units: string[]) =>
    record(id, { proposedParticipants: units.map((u) => ({ kind: 'unit', id: u, name: `单位${u}` })) });

  it('adds each proposed unit of the chosen records once, replacing blank rows and keeping filled ones', () => {
    const filled = { kind: 'unit' as const, name: '市经信局', organisation: '', creditCode: '', unitId: 'eit' };
    const merged = withProposedParticipants(
      [emptyScheduleDraft().participants[0]!, filled],
      [proposing('a', ['eit', 'drc']), proposing('b', ['drc', 'kj']), proposing('c', ['zz'])],
      ['a', 'b'],
    );
    expect(merged.map((p) => [p.unitId, p.name])).toEqual([
      ['eit', '市经信局'],
      ['drc', '单位drc'],
      ['kj', '单位kj'],
    ]);
  });

  it('leaves the rows alone when nothing is proposed', () => {
    const rows = emptyScheduleDraft().participants;
    expect(withProposedParticipants(rows, [record('a')], ['a'])).toEqual(rows);
  });
});

describe('schedule form', () => {
  const filled: ScheduleDraft = {
    ...emptyScheduleDraft(),
    title: '季度会商',
    date: '2026-12-01',
    time: '10:00',
    place: '1201 会议室',
    participants: [{ kind: 'unit', name: '市经信局', organisation: '', creditCode: '', unitId: 'city-eit' }],
  };

  it('says what is missing', () => {
    expect(scheduleProblems(emptyScheduleDraft(), [])).toEqual([
      { field: 'title', problem: 'required' },
      { field: 'date', problem: 'required' },
      { field: 'place', problem: 'required' },
      { field: 'agenda', problem: 'required' },
      { field: 'participant', index: 0, problem: 'name' },
    ]);
    const bad = { ...filled, durationMinutes: '5', link: 'not a link' };
    const problems = scheduleProblems({ ...bad, participants: [{ ...filled.participants[0]!, creditCode: 'ABC' }] }, [
      { title: 'x' },
    ]);
    expect(problems).toEqual([
      { field: 'duration', problem: 'invalid' },
      { field: 'link', problem: 'invalid' },
      { field: 'participant', index: 0, problem: 'creditCode' },
    ]);
  });

  it('sends Hefei time with its offset and leaves out empty optional fields', () => {
    const request = scheduleRequest(filled, [{ title: '议题' }]);
    expect(request).toEqual({
      title: '季度会商',
      kind: 'regular',
      startsAt: '2026-12-01T10:00:00+08:00',
      durationMinutes: 120,
      place: '1201 会议室',
      participants: [{ kind: 'unit', name: '市经信局', unitId: 'city-eit' }],
      agenda: [{ title: '议题' }],
    });
  });
});

describe('resolutions', () => {
  it('asks for a follow-up task only when titled', () => {
    const base = { text: ' 加快推进 ', ownerUnitId: 'u', deadline: '2026-12-31', recordId: '', followUpTitle: ' ' };
    expect(resolutionRequest(base)).toEqual({ text: '加快推进', ownerUnitId: 'u', deadline: '2026-12-31' });
    expect(resolutionRequest({ ...base, recordId: 'r', followUpTitle: '建设平台' })).toMatchObject({
      recordId: 'r',
      followUpTask: { title: '建设平台' },
    });
  });
});

describe('calendar', () => {
  it('groups meetings by Hefei month, in time order', () => {
    expect(monthOf('2026-11-30T16:30:00Z')).toBe('2026-12');
    const groups = meetingsByMonth([
      { startsAt: '2026-12-05T02:00:00Z' },
      { startsAt: '2026-11-30T17:00:00Z' },
      { startsAt: '2026-11-02T02:00:00Z' },
    ]);
    expect(groups.map((g) => [g.month, g.meetings.length])).toEqual([
      ['2026-11', 1],
      ['2026-12', 2],
    ]);
  });
});
