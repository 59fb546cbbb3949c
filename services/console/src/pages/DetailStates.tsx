import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../shell/use-page-title';
import { PageHeading } from './PageHeading';
import { LoadFailed } from './tasks/LoadFailed';
import type { Resource } from './tasks/use-resource';

export interface DetailFrameProps {
  readonly heading: string;
  /** Where "back" goes, its words and test id. */
  readonly back: { readonly to: string; readonly label: string; readonly testId: string };
  readonly children: ReactNode;
}

/**
 * The frame of a detail page. The heading stays the same element from "loading" to the record (only its text
 * changes), so the focus the shell put on it after navigation is not lost when the record arrives.
 */
export function DetailFrame({ heading, back, children }: DetailFrameProps) {
  usePageTitle(heading);
  return (
    <article className="task-detail">
      <p className="back-link">
        <Link to={back.to} data-testid={back.testId}>
          <span aria-hidden="true">← </span>
          {back.label}
        </Link>
      </p>
      <PageHeading>{heading}</PageHeading>
      {children}
    </article>
  );
}

/** A detail page in each state of its resource: loading, loaded, not found (or not visible), failed. */
export function DetailStates<T>({
  resource,
  reload,
  back,
  loadingHeading,
  notFound,
  testIdPrefix,
  title,
  children,
}: {
  resource: Resource<T>;
  reload: () => void;
  back: DetailFrameProps['back'];
  loadingHeading: string;
  notFound: { readonly heading: string; readonly body: string };
  testIdPrefix: string;
  title: (data: T) => string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (resource.status === 'loaded') {
    return (
      <DetailFrame heading={title(resource.data)} back={back}>
        {children(resource.data)}
      </DetailFrame>
    );
  }
  if (resource.status === 'loading') {
    return (
      <DetailFrame heading={loadingHeading} back={back}>
        <p className="list-status" role="status">
          {t('common.loading')}
        </p>
      </DetailFrame>
    );
  }
  if (resource.failure.kind === 'notFound') {
    return (
      <DetailFrame heading={notFound.heading} back={back}>
        <p data-testid={`${testIdPrefix}-not-found`}>{notFound.body}</p>
      </DetailFrame>
    );
  }
  const { summary, values, requestId } = resource.failure;
  return (
    <DetailFrame heading={loadingHeading} back={back}>
      <LoadFailed
        summary={summary}
        values={values}
        requestId={requestId}
        onRetry={reload}
        testId={`${testIdPrefix}-load-error`}
      />
    </DetailFrame>
  );
}
