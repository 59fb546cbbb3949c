import { NavLink } from 'react-router';

export interface SectionTab {
  readonly path: string;
  readonly label: string;
  readonly testId: string;
}

/** The pages of one area (funding, consultations) as a row of links; the current one is marked for screen readers too. */
export function SectionTabs({ label, tabs }: { label: string; tabs: readonly SectionTab[] }) {
  return (
    <nav className="section-tabs" aria-label={label}>
      <ul className="section-tabs__list">
        {tabs.map((tab) => (
          <li key={tab.path}>
            <NavLink to={tab.path} end className="section-tabs__link" data-testid={tab.testId}>
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
