import { describe, expect, it } from 'vitest';
import type { NewTask } from '../task/task';
import { importChanges } from './import-changes';

describe('what a re-import finds changed', () => {
  const stored: Pick<NewTask, 'title' | 'leadUnitIds' | 'coUnitIds' | 'dueDate'> = {
    title: '建设人工智能创新平台',
    leadUnitIds: ['city-science-tech', 'city-drc'],
    coUnitIds: [],
    dueDate: '2020-12-31',
  };

  it('nothing when the text says the same', () => {
    expect(importChanges(stored, { ...stored, leadUnitIds: ['city-science-tech', 'city-drc'] })).toEqual([]);
  });

  it('each fact the text states differently, from the stored value to the text’s', () => {
    const { dueDate: _dropped, ...withoutDate } = stored;
    expect(
      importChanges(stored, { ...withoutDate, title: '建设创新平台', leadUnitIds: ['city-science-tech'] }),
    ).toEqual([
      { field: 'title', from: '建设人工智能创新平台', to: '建设创新平台' },
      { field: 'leadUnitIds', from: ['city-science-tech', 'city-drc'], to: ['city-science-tech'] },
      { field: 'dueDate', from: '2020-12-31' },
    ]);
  });
});
