import { describe, expect, it } from 'vitest';
import { changesBetween } from './audit-changes';

describe('what an audited edit changed', () => {
  it('lists the edited fields that differ, from → to as text', () => {
    expect(
      changesBetween(
        { riskLevel: 'low', weight: 1, milestones: [{ title: 'a' }], dueDate: '2020-12-31' },
        { riskLevel: 'high', weight: 1, milestones: [{ title: 'b' }], dueDate: '2020-12-31' },
        ['riskLevel', 'weight', 'milestones'],
      ),
    ).toEqual([
      { field: 'riskLevel', from: 'low', to: 'high' },
      { field: 'milestones', from: '[{"title":"a"}]', to: '[{"title":"b"}]' },
    ]);
  });

  it('names a changed secret or contact field without its values, and notes a value set or cleared', () => {
    expect(
      changesBetween({ contacts: [{ phone: '1' }], note: 'x' }, { contacts: [{ phone: '2' }] }, ['contacts', 'note']),
    ).toEqual([{ field: 'contacts' }, { field: 'note', from: 'x' }]);
  });
});
