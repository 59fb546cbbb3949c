import { describe, expect, it } from 'vitest';
import { importChanges } from './import-changes';

describe('what a re-import finds changed', () => {
  const stored = {
    title: '建设人工智能创新平台',
    leadUnitIds: ['city-sci', 'city-drc'],
    coUnitIds: [],
    dueDate: '2020-12-31',
  };

  it('nothing when the text says the same', () => {
    expect(importChanges(stored, { ...stored, leadUnitIds: ['city-sci', 'city-drc'] })).toEqual([]);
  });

  it('each fact the text states differently, from the stored value to the text’s', () => {
    expect(
      importChanges(stored, { ...stored, title: '建设创新平台', leadUnitIds: ['city-sci'], dueDate: undefined }),
    ).toEqual([
      { field: 'title', from: '建设人工智能创新平台', to: '建设创新平台' },
      { field: 'leadUnitIds', from: ['city-sci', 'city-drc'], to: ['city-sci'] },
      { field: 'dueDate', from: '2020-12-31' },
    ]);
  });
});
