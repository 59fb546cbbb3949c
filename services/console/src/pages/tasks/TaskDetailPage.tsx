import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useSessionStore } from '../../auth/session-context';
import { usePageTitle } from '../../shell/use-page-title';
import { fetchTask } from '../../tasks/task-api';
import { isTaskCode } from '../../tasks/task-list-query';
import type { TaskDetail } from '../../tasks/task-types';
import { PageHeading } from '../PageHeading';
import { TaskRecordsSections } from '../reports/TaskRecordsSections';
import { LoadFailed } from './LoadFailed';
import { StatusBadge } from './StatusBadge';
import { TaskFacts } from './TaskFacts';
import { TaskFlags } from './TaskFlags';
import { TaskMoves } from './TaskMoves';
import type { TaskLinkState } from './TaskTable';
import { TaskDescription, TaskHistory, TaskMilestones, TaskTargets } from './TaskSections';
import { useResource } from './use-resource';
import { useUnits } from './use-units';

/**
 * The frame of the detail page. The heading stays the same element from "loading" to the task (only its text
 * changes), so the focus the shell put on it after navigation is not lost when the task arrives.
 */
function DetailFrame({ heading, children }: { heading: string; children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const listSearch = (location.state as TaskLinkState | null)?.listSearch ?? '';
  usePageTitle(heading);
  return (
    <article className="task-detail">
      <p className="back-link">
        <Link to={{ pathname: '/tasks', search: listSearch }} data-testid="task-back">
          <span aria-hidden="true">← </span>
          {t('tasks.detail.back')}
        </Link>
      </p>
      <PageHeading>{heading}</PageHeading>
      {children}
    </article>
  );
}

/** A task the user may not see is answered exactly like one that does not exist. */
function NotFoundBody() {
  const { t } = useTranslation();
  return <p data-testid="task-not-found">{t('tasks.detail.notFoundBody')}</p>;
}

interface TaskBodyProps {
  readonly task: TaskDetail;
  readonly onMoved: (task: TaskDetail) => void;
  readonly onReload: () => void;
}

function TaskBody({ task, onMoved, onReload }: TaskBodyProps) {
  const units = useUnits();
  return (
    <div className="task-detail__body" data-testid="task-detail">
      <div className="task-detail__meta">
        <span className="task-code" data-testid="task-code">
          {task.code}
        </span>
        <StatusBadge status={task.status} testId="task-status" />
        <TaskFlags task={task} />
      </div>
      <TaskMoves key={task.code} task={task} onMoved={onMoved} onReload={onReload} />
      <TaskFacts task={task} units={units} />
      <TaskDescription task={task} />
      <TaskMilestones task={task} />
      <TaskTargets task={task} />
      <TaskHistory task={task} />
      <TaskRecordsSections task={task} units={units} onTaskChanged={onMoved} />
    </div>
  );
}

function TaskLoader({ code }: { code: string }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const { resource, reload, replace } = useResource(code, (signal) => fetchTask(store, code, signal));

  if (resource.status === 'loaded') {
    return (
      <DetailFrame heading={resource.data.title}>
        <TaskBody task={resource.data} onMoved={replace} onReload={reload} />
      </DetailFrame>
    );
  }
  if (resource.status === 'loading') {
    return (
      <DetailFrame heading={t('nav.tasks')}>
        <p className="list-status" role="status" data-testid="task-loading">
          {t('tasks.detail.loading')}
        </p>
      </DetailFrame>
    );
  }
  const { failure } = resource;
  if (failure.kind === 'notFound') {
    return (
      <DetailFrame heading={t('tasks.detail.notFoundTitle')}>
        <NotFoundBody />
      </DetailFrame>
    );
  }
  return (
    <DetailFrame heading={t('nav.tasks')}>
      <LoadFailed
        summary={failure.summary}
        values={failure.values}
        requestId={failure.requestId}
        onRetry={reload}
        testId="task-load-error"
      />
    </DetailFrame>
  );
}

/** `#/tasks/:code`: one task, its facts, its history and the moves the user may make. */
export function TaskDetailPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  if (!isTaskCode(code)) {
    return (
      <DetailFrame heading={t('tasks.detail.notFoundTitle')}>
        <NotFoundBody />
      </DetailFrame>
    );
  }
  return <TaskLoader key={code} code={code} />;
}
