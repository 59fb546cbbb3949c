import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSessionStore } from '../../auth/session-context';
import { fetchRecords } from '../../consultations/consultation-api';
import {
  CONSULTATION_STATUSES,
  CONSULTATION_TYPES,
  type ConsultationType,
} from '../../consultations/consultation-types';
import { formatDateTime } from '../../tasks/task-format';
import { Frame } from '../common/Frame';
import { Loaded } from '../common/Loaded';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import { ConsultationTabs } from './ConsultationTabs';

/** `#/consultations`: the consultation records in one column per status, filtered by type. */
export function ConsultationBoardPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const [type, setType] = useState<'' | ConsultationType>('');
  const { resource, reload } = useResource(type, (signal) => fetchRecords(store, { type: type || undefined }, signal));
  return (
    <Frame heading={t('consultations.board.title')} testId="consultation-board-page">
      <ConsultationTabs />
      <p className="page-intro">{t('consultations.board.intro')}</p>
      <div className="filters">
        <div className="filters__field">
          <label htmlFor="consultation-type" className="field__label">
            {t('consultations.board.type')}
          </label>
          <select
            id="consultation-type"
            className="field__select"
            value={type}
            data-testid="consultation-type-filter"
            onChange={(event) => setType(event.target.value as '' | ConsultationType)}
          >
            <option value="">{t('consultations.board.allTypes')}</option>
            {CONSULTATION_TYPES.map((value) => (
              <option key={value} value={value}>
                {t(`consultations.type.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Loaded
        resource={resource}
        loading={t('consultations.board.loading')}
        onRetry={reload}
        testId="consultation-board"
      >
        {({ items }) => (
          <div className="board-columns" data-testid="consultation-columns">
            {CONSULTATION_STATUSES.map((status) => {
              const inColumn = items.filter((record) => record.status === status);
              return (
                <section
                  key={status}
                  className="board-column"
                  aria-labelledby={`consultation-column-${status}`}
                  data-testid={`consultation-column-${status}`}
                >
                  <h2 id={`consultation-column-${status}`} className="board-column__title">
                    {t(`consultations.status.${status}`)}
                    <span className="board-column__count">
                      {t('consultations.board.count', { count: inColumn.length })}
                    </span>
                  </h2>
                  {inColumn.length === 0 ? (
                    <p className="card__empty">{t('consultations.board.empty')}</p>
                  ) : (
                    <ul className="board-cards">
                      {inColumn.map((record) => (
                        <li
                          key={record.id}
                          className="board-card"
                          data-testid="consultation-card"
                          data-task={record.taskCode}
                        >
                          <Link to={`/consultations/${record.id}`} className="board-card__link">
                            <span className="task-code">{record.taskCode}</span> {record.taskTitle}
                          </Link>
                          <p className="board-card__meta">{t(`consultations.type.${record.type}`)}</p>
                          <p className="board-card__meta">{record.reason}</p>
                          <p className="board-card__meta">{formatDateTime(record.openedAt, language)}</p>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>
        )}
      </Loaded>
    </Frame>
  );
}
