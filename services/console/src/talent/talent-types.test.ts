import { describe, expect, it } from 'vitest';
import {
  allowedStagesOf,
  barPercent,
  canOfferPackage,
  figuresByYear,
  formatFen,
  groupByStage,
  needsReason,
  nextPipelineStage,
  nextStages,
  parseYuanToFen,
  TALENT_STAGES,
  type Talent,
} from './talent-types';

function record(id: string, stage: Talent['stage'], stalled = false, name = id): Talent {
  return {
    id,
    kind: 'person',
    name,
    category: 'leading_talent',
    fields: [],
    members: [],
    currentOrganisation: { name: 'x' },
    source: 'event',
    stage,
    stalled,
    lastActivityAt: '2026-01-01T00:00:00Z',
    history: [],
    links: { taskCodes: [], consultationIds: [] },
    followUps: [],
    version: 1,
  };
}

describe('the pipeline', () => {
  it('moves one stage at a time, or ends (declined/withdrawn, with a reason) before onboarding', () => {
    expect(nextStages('identified')).toEqual(['contacted', 'declined', 'withdrawn']);
    expect(nextStages('signed')).toEqual(['onboarded', 'declined', 'withdrawn']);
    expect(nextStages('onboarded')).toEqual([]);
    expect(nextStages('declined')).toEqual([]);
    expect(nextPipelineStage('negotiating')).toBe('agreed');
    expect(nextPipelineStage('withdrawn')).toBeUndefined();
    expect(TALENT_STAGES.filter(needsReason)).toEqual(['declined', 'withdrawn']);
  });

  it('reads the allowed stages of a refused move, ignoring what is not a stage', () => {
    expect(allowedStagesOf({ allowedStages: ['contacted', 'bogus', 'declined'] })).toEqual(['contacted', 'declined']);
    expect(allowedStagesOf({})).toBeUndefined();
    expect(allowedStagesOf(undefined)).toBeUndefined();
  });
});

describe('canOfferPackage', () => {
  it('offers while negotiating or agreed, unless a package was accepted', () => {
    expect(canOfferPackage({ stage: 'negotiating' })).toBe(true);
    expect(canOfferPackage({ stage: 'contacted' })).toBe(false);
    const accepted = { version: 1, status: 'accepted' as const, terms: [], amount: 0 };
    expect(canOfferPackage({ stage: 'agreed', package: accepted })).toBe(false);
    expect(canOfferPackage({ stage: 'agreed', package: { ...accepted, status: 'declined' } })).toBe(true);
  });
});

describe('groupByStage', () => {
  it('gives one column per stage in pipeline order, stalled records first', () => {
    const columns = groupByStage([
      record('a', 'contacted', false, '乙'),
      record('b', 'identified'),
      record('c', 'contacted', true, '甲'),
      record('d', 'contacted', false, '甲'),
    ]);
    expect(columns.map((c) => c.stage)).toEqual([...TALENT_STAGES]);
    expect(columns[0]!.records.map((r) => r.id)).toEqual(['b']);
    expect(columns[1]!.records.map((r) => r.id)).toEqual(['c', 'd', 'a']);
    expect(columns.at(-1)!.records).toEqual([]);
  });
});

describe('money in fen', () => {
  it('shows yuan with two decimals, computed on integers', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(123456)).toBe('¥1,234.56');
    expect(formatFen(50_000_000_00)).toBe('¥50,000,000.00');
    expect(formatFen(-5)).toBe('-¥0.05');
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe('¥90,071,992,547,409.91');
    expect(formatFen(1.5)).toBe('—');
  });

  it('reads typed yuan as fen without floating point', () => {
    expect(parseYuanToFen('1234.56')).toBe(123456);
    expect(parseYuanToFen('0.1')).toBe(10);
    expect(parseYuanToFen(' 1,000 ')).toBe(100000);
    expect(parseYuanToFen('19.99')).toBe(1999); // 19.99 * 100 is 1998.9999… in floating point
    for (const bad of ['', '0', '0.00', '-1', '1.234', 'abc', '1e3']) expect(parseYuanToFen(bad)).toBeUndefined();
  });
});

describe('figures', () => {
  it('groups rows by year, newest first, categories in the fixed order', () => {
    const years = figuresByYear([
      { year: 2025, category: 'high_skill', onboarded: 1 },
      { year: 2026, category: 'innovation_team', onboarded: 2, target: 4 },
      { year: 2026, category: 'top_scientist', onboarded: 1, target: 2 },
    ]);
    expect(years.map((y) => y.year)).toEqual([2026, 2025]);
    expect(years[0]!.rows.map((r) => r.category)).toEqual(['top_scientist', 'innovation_team']);
  });

  it('scales bars to the larger of onboarded and target', () => {
    const row = { year: 2026, category: 'top_scientist' as const, onboarded: 3, target: 4 };
    expect(barPercent(3, row)).toBe(75);
    expect(barPercent(4, row)).toBe(100);
    expect(barPercent(0, { ...row, onboarded: 0, target: undefined })).toBe(0);
  });
});
