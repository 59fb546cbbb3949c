import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { useProfile } from '../auth/session-context';
import { isAlsoUnder, navItemsFor, navTestId } from '../navigation/nav-items';

export interface SideNavProps {
  readonly open: boolean;
  readonly onNavigate: () => void;
  readonly ref?: Ref<HTMLElement>;
}

/** The pages this user's permissions offer. `NavLink` marks the current one with `aria-current="page"`. */
export function SideNav({ open, onNavigate, ref }: SideNavProps) {
  const { t } = useTranslation();
  const { permissions } = useProfile();
  const { pathname } = useLocation();
  return (
    <nav id="primary-nav" ref={ref} className="side-nav" data-open={open} aria-label={t('shell.primaryNav')}>
      <ul className="side-nav__list">
        {navItemsFor(permissions).map((item) => (
          <li key={item.feature}>
            {isAlsoUnder(item, pathname) ? (
              // One of the item's other routes (meetings belong to consultations): current, like NavLink would say.
              <Link
                to={item.path}
                aria-current="page"
                className="side-nav__link"
                data-testid={navTestId(item)}
                onClick={onNavigate}
              >
                {t(`nav.${item.feature}`)}
              </Link>
            ) : (
              <NavLink
                to={item.path}
                end={item.path === '/'}
                className="side-nav__link"
                data-testid={navTestId(item)}
                onClick={onNavigate}
              >
                {t(`nav.${item.feature}`)}
              </NavLink>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
