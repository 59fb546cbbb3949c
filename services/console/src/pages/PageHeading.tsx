import type { ReactNode } from 'react';
import { PAGE_TITLE_ID } from '../shell/AppShell';

/** A page's <h1>: focusable by script (not by Tab) so navigation can move focus to it. */
export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <h1 id={PAGE_TITLE_ID} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
