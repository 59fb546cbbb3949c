import { useTranslation } from 'react-i18next';
import { statusLabelKey } from '../../tasks/task-labels';
import { DEFAULT_FILTERS, hasActiveFilters, withFilter, type TaskListFilters } from '../../tasks/task-list-query';
import { isTaskStatus, TASK_STATUSES } from '../../tasks/task-types';
import { groupUnits } from '../../tasks/unit-groups';
import { unitName } from '../../tasks/task-format';
import { useLanguage } from './use-language';
import type { UnitIndex } from './use-units';

export interface TaskFiltersProps {
  readonly filters: TaskListFilters;
  /** Bureau staff see only their own unit's tasks, so they get no unit filter. */
  readonly unitScoped: boolean;
  readonly units: UnitIndex | undefined;
  readonly onChange: (filters: TaskListFilters) => void;
}

/** Status, unit and "top-level only": each change applies at once and starts again from the first page. */
export function TaskFilters({ filters, unitScoped, units, onChange }: TaskFiltersProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const groups = groupUnits(units?.values() ?? []);
  const unitKnown = !filters.unitId || units === undefined || units.has(filters.unitId);

  return (
    <section className="filters" aria-labelledby="task-filters-heading">
      <h2 id="task-filters-heading" className="visually-hidden">
        {t('tasks.filters.heading')}
      </h2>
      <div className="filters__field">
        <label htmlFor="task-filter-status" className="field__label">
          {t('tasks.filters.status')}
        </label>
        <select
          id="task-filter-status"
          className="field__input field__select"
          data-testid="task-filter-status"
          value={filters.status ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            onChange(withFilter(filters, { status: isTaskStatus(value) ? value : undefined }));
          }}
        >
          <option value="">{t('tasks.filters.anyStatus')}</option>
          {TASK_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(statusLabelKey(status))}
            </option>
          ))}
        </select>
      </div>
      {!unitScoped && (
        <div className="filters__field filters__field--wide">
          <label htmlFor="task-filter-unit" className="field__label">
            {t('tasks.filters.unit')}
          </label>
          <select
            id="task-filter-unit"
            className="field__input field__select"
            data-testid="task-filter-unit"
            value={filters.unitId ?? ''}
            onChange={(event) => onChange(withFilter(filters, { unitId: event.target.value || undefined }))}
          >
            <option value="">{t('tasks.filters.anyUnit')}</option>
            {!unitKnown && filters.unitId && <option value={filters.unitId}>{filters.unitId}</option>}
            {groups.map((group) => (
              <optgroup key={group.kind} label={t(group.label)}>
                {group.units.map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {unitName(units, unit.id, language)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      )}
      <div className="filters__field filters__field--check">
        <input
          id="task-filter-top-level"
          type="checkbox"
          className="checkbox"
          data-testid="task-filter-top-level"
          checked={filters.topLevelOnly}
          onChange={(event) => onChange(withFilter(filters, { topLevelOnly: event.target.checked }))}
        />
        <label htmlFor="task-filter-top-level">{t('tasks.filters.topLevelOnly')}</label>
      </div>
      {hasActiveFilters(filters) && (
        <button
          type="button"
          className="button button--quiet"
          data-testid="task-filter-clear"
          onClick={() => {
            onChange(DEFAULT_FILTERS);
            // The button goes away with the filters: keep the keyboard user in the form.
            document.getElementById('task-filter-status')?.focus();
          }}
        >
          {t('tasks.filters.clear')}
        </button>
      )}
    </section>
  );
}
