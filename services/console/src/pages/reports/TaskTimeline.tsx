import { useTranslation } from 'react-i18next';
import { useProfile } from '../../auth/session-context';
import type { MessageRef } from '../../i18n/duration';
import type { TimelineEntry } from '../../reports/timeline';
import { actorMessage, formatDate, formatDateTime, unitName } from '../../tasks/task-format';
import { statusLabelKey } from '../../tasks/task-labels';
import { isTaskStatus } from '../../tasks/task-types';
import { useLanguage } from '../tasks/use-language';
import type { UnitIndex } from '../tasks/use-units';

const ACTIVITY_KINDS = ['edited', 'progress_reported', 'milestone_completed', 'progress_rolled_up'] as const;
const REPORT_ACTIONS = ['submitted', 'resubmitted', 'returned'] as const;

function oneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** What happened, in words: the message and its values. */
function describe(
  entry: TimelineEntry,
  status: (value: string) => string,
  unit: (id: string) => string,
  date: (value: string) => string,
): MessageRef {
  switch (entry.kind) {
    case 'status':
      return { key: 'reports.timeline.status', values: { from: status(entry.from), to: status(entry.to) } };
    case 'activity':
      return {
        key: oneOf(ACTIVITY_KINDS, entry.activity)
          ? `reports.timeline.activity.${entry.activity}`
          : 'reports.timeline.activity.other',
        values: {},
      };
    case 'report':
      return {
        key: oneOf(REPORT_ACTIONS, entry.action)
          ? `reports.timeline.report.${entry.action}`
          : 'reports.timeline.report.other',
        values: { unit: unit(entry.unitId), period: entry.period },
      };
    case 'notice':
      return { key: `reports.timeline.notice.${entry.event}`, values: {} };
    case 'extension':
      return {
        key:
          entry.event === 'requested'
            ? 'reports.timeline.extension.requested'
            : entry.status === 'approved'
              ? 'reports.timeline.extension.approved'
              : 'reports.timeline.extension.rejected',
        values: { date: date(entry.dueDate) },
      };
  }
}

/** Everything that happened to the task, newest first: moves, edits, reports, supervision, extensions. */
export function TaskTimeline({ entries, units }: { entries: readonly TimelineEntry[]; units: UnitIndex | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { user } = useProfile();
  const status = (value: string) => (isTaskStatus(value) ? t(statusLabelKey(value)) : value);
  const unit = (id: string) => unitName(units, id, language);
  const date = (value: string) => formatDate(value, language);
  return (
    <section className="card" aria-labelledby="task-timeline-heading" data-testid="task-timeline">
      <h2 id="task-timeline-heading" className="card__title">
        {t('reports.timeline.title')}
      </h2>
      {entries.length === 0 ? (
        <p className="card__empty">{t('reports.timeline.empty')}</p>
      ) : (
        <ol className="timeline">
          {entries.map((entry, index) => {
            const what = describe(entry, status, unit, date);
            const who = actorMessage(entry.by, user.id);
            return (
              <li
                key={`${index}-${entry.at}`}
                className={`timeline__entry timeline__entry--${entry.kind}`}
                data-testid="timeline-entry"
                data-kind={entry.kind}
              >
                <p className="timeline__head">
                  <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
                  <span className="timeline__who" title={who.full}>
                    {t(who.key, who.values)}
                  </span>
                </p>
                <p className="timeline__what">{t(what.key, what.values)}</p>
                {entry.text && <p className="timeline__text">{entry.text}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
