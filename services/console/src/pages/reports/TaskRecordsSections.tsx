import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProfile, useSessionStore } from '../../auth/session-context';
import { fetchTaskRecords } from '../../reports/report-api';
import { fetchTask } from '../../tasks/task-api';
import { currentPeriod, returnedReportOf } from '../../reports/report-form';
import { mergeTimeline } from '../../reports/timeline';
import type { TaskDetail } from '../../tasks/task-types';
import { ResourceFailed } from '../tasks/LoadFailed';
import { useResource } from '../tasks/use-resource';
import type { UnitIndex } from '../tasks/use-units';
import { TaskConsultationsSection } from '../consultations/TaskConsultationsSection';
import { TaskFundingSection } from '../funding/TaskFundingSection';
import { ReportForm } from './ReportForm';
import { TaskReports } from './TaskReports';
import { TaskTimeline } from './TaskTimeline';
import { TaskAppraisal } from '../tasks/TaskAppraisal';

/** The task statuses a unit reports on (as the tasks service's rules say). */
const REPORTABLE_STATUSES = ['assigned', 'in_progress', 'at_risk', 'completed'];

/**
 * What the units and the office said about the task: the report form (for a unit on the task), the reports, and the
 * timeline of everything that happened. Loaded again whenever the task changes.
 */
export function TaskRecordsSections({
  task,
  units,
  onTaskChanged,
}: {
  task: TaskDetail;
  units: UnitIndex | undefined;
  /** The task as a report left it (progress, milestones), loaded again in the background. */
  onTaskChanged: (task: TaskDetail) => void;
}) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const { user, permissions } = useProfile();
  const [period] = useState(() => currentPeriod(new Date()));
  const [submitted, setSubmitted] = useState('');
  const { resource, reload } = useResource(`${task.code}@${task.version}`, (signal) =>
    fetchTaskRecords(store, task.code, permissions, signal),
  );
  const records =
    resource.status === 'loaded' ? resource.data : resource.status === 'loading' ? resource.stale : undefined;

  const lead = task.leadUnitIds.includes(user.unitId);
  const onTask = lead || task.coUnitIds.includes(user.unitId);
  const mayReport = permissions.includes('tasks.report') && onTask && REPORTABLE_STATUSES.includes(task.status);
  const returned = records && returnedReportOf(records.reports, user.unitId);
  const alreadyIn = records?.reports.some(
    (r) => r.unitId === user.unitId && r.period === period && r.status === 'submitted',
  );
  // The page stays as it is meanwhile (no loading state), so focus and messages stay where they are.
  const changed = () => {
    reload();
    fetchTask(store, task.code).then(onTaskChanged, () => undefined);
  };

  return (
    <>
      {mayReport && records && (
        <ReportForm
          key={returned ? `${returned.id}@${returned.version}` : 'new'}
          task={task}
          lead={lead}
          period={period}
          returned={returned}
          alreadySubmitted={alreadyIn === true}
          onSubmitted={(report) => {
            setSubmitted(t('reports.form.submitted', { period: report.period }));
            changed();
          }}
        />
      )}
      <p role="status" className="task-moves__done" data-testid="report-message">
        {submitted}
      </p>
      <ResourceFailed resource={resource} onRetry={reload} testId="task-records-error" />
      {resource.status === 'loading' && !records && (
        <p className="list-status" role="status">
          {t('reports.loading')}
        </p>
      )}
      {records && <TaskReports reports={records.reports} units={units} onChanged={changed} />}
      {task.appraisal && <TaskAppraisal appraisal={task.appraisal} />}
      {records && <TaskTimeline entries={mergeTimeline(task, records)} units={units} />}
      {permissions.includes('funding.view') && <TaskFundingSection taskCode={task.code} version={task.version} />}
      {permissions.includes('consultations.view') && (
        <TaskConsultationsSection taskCode={task.code} version={task.version} units={units} />
      )}
    </>
  );
}
