import { useTranslation } from 'react-i18next';
import { byLeadUnit } from '../../board/board-groups';
import { unitName } from '../../tasks/task-format';
import { statusLabelKey } from '../../tasks/task-labels';
import { TASK_STATUSES, type TaskSummary } from '../../tasks/task-types';
import { useLanguage } from '../tasks/use-language';
import type { UnitIndex } from '../tasks/use-units';

/** One row per lead unit: how many of its tasks are in each status, and how many are overdue. */
export function UnitCounts({ tasks, units }: { tasks: readonly TaskSummary[]; units: UnitIndex | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rows = byLeadUnit(tasks);
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="board-units">
        <caption className="visually-hidden">{t('board.units.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('board.units.unit')}</th>
            {TASK_STATUSES.map((status) => (
              <th key={status} scope="col">
                {t(statusLabelKey(status))}
              </th>
            ))}
            <th scope="col">{t('board.units.total')}</th>
            <th scope="col">{t('board.units.overdue')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.unitId} data-testid={`board-unit-${row.unitId}`}>
              <th scope="row">{unitName(units, row.unitId, language)}</th>
              {TASK_STATUSES.map((status) => (
                <td key={status}>{row.counts[status]}</td>
              ))}
              <td>{row.total}</td>
              <td className={row.overdue > 0 ? 'board-units__overdue' : undefined}>
                {row.overdue > 0 ? t('board.units.overdueCount', { count: row.overdue }) : 0}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
