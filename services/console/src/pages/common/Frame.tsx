import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../shell/use-page-title';
import { PageHeading } from '../PageHeading';

/**
 * A page of its own with a heading that stays the same element while its data loads (only the text changes), so the
 * focus the shell puts on it after navigation is kept; optionally a link back.
 */
export function Frame({
  heading,
  back,
  children,
  testId,
}: {
  heading: string;
  back?: { readonly to: string; readonly label: string };
  children: ReactNode;
  testId: string;
}) {
  usePageTitle(heading);
  return (
    <article className="task-detail" data-testid={testId}>
      {back && (
        <p className="back-link">
          <Link to={back.to}>
            <span aria-hidden="true">← </span>
            {back.label}
          </Link>
        </p>
      )}
      <PageHeading>{heading}</PageHeading>
      {children}
    </article>
  );
}
