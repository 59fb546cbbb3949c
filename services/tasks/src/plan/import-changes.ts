import type { NewTask } from '../task/task';

/** The facts of a task the policy text states: what a re-import compares. */
const COMPARED = ['title', 'leadUnitIds', 'coUnitIds', 'dueDate', 'parentCode'] as const;
export type ImportedField = (typeof COMPARED)[number];

export interface FieldChange {
  field: ImportedField;
  /** As stored (absent when the task has none). */
  from?: string | string[];
  /** As the imported text says (absent when it says none). */
  to?: string | string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What the imported text says differently of a task that already exists under its code. An import
 * never overwrites a task: the office sees these as changes not applied and decides.
 */
export function importChanges(
  stored: Pick<NewTask, ImportedField>,
  imported: Pick<NewTask, ImportedField>,
): FieldChange[] {
  return COMPARED.filter((field) => !same(stored[field], imported[field])).map((field) => ({
    field,
    ...(stored[field] !== undefined ? { from: stored[field] } : {}),
    ...(imported[field] !== undefined ? { to: imported[field] } : {}),
  }));
}
