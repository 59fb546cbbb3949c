import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProfile, useSessionStore } from '../auth/session-context';
import { knownRoles } from '../auth/roles';
import { resolveLanguage } from '../i18n/language';
import { LanguageSwitch } from './LanguageSwitch';

export interface AppHeaderProps {
  readonly menuOpen: boolean;
  readonly onToggleMenu: () => void;
  readonly menuButtonRef: Ref<HTMLButtonElement>;
  readonly ref?: Ref<HTMLElement>;
}

function MenuIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20">
      <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

export function AppHeader({ menuOpen, onToggleMenu, menuButtonRef, ref }: AppHeaderProps) {
  const { t, i18n } = useTranslation();
  const store = useSessionStore();
  const { user, unit } = useProfile();
  const [signingOut, setSigningOut] = useState(false);
  const english = resolveLanguage(i18n.resolvedLanguage) === 'en';
  const unitName = english ? unit.nameEn || unit.nameZh : unit.nameZh || unit.nameEn;
  const roles = knownRoles(user.roles);
  const otherRoles = user.roles.filter((role) => !roles.some((known) => known === role));

  const signOut = async () => {
    if (signingOut) return;
    setSigningOut(true);
    await store.signOut(); // the router leaves the shell once the session is gone
  };

  return (
    <header className="app-header" ref={ref}>
      <div className="app-header__inner">
        <button
          ref={menuButtonRef}
          type="button"
          className="header-button menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="primary-nav"
          data-testid="menu-toggle"
          onClick={onToggleMenu}
        >
          <MenuIcon />
          <span>{t('shell.menu')}</span>
        </button>
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <div className="user-info" data-testid="user-info">
          <span className="visually-hidden">{t('shell.userInfo')}</span>
          <span className="user-info__name" data-testid="user-name">
            {user.displayName || user.username}
          </span>
          <span className="user-info__unit">
            <span className="visually-hidden">{t('shell.unit')} </span>
            <span data-testid="unit-name">{unitName}</span>
          </span>
          <ul className="role-badges" aria-label={t('shell.roles')}>
            {roles.map((role) => (
              <li key={role} className="role-badge" data-testid={`role-badge-${role}`} title={t(`roles.${role}.name`)}>
                {t(`roles.${role}.short`)}
              </li>
            ))}
            {otherRoles.map((role) => (
              <li key={role} className="role-badge" data-testid={`role-badge-${role}`}>
                {role}
              </li>
            ))}
          </ul>
        </div>
        <div className="header-actions">
          <LanguageSwitch className="header-button" />
          <button
            type="button"
            className="header-button"
            data-testid="sign-out"
            aria-disabled={signingOut}
            onClick={() => void signOut()}
          >
            {t('shell.signOut')}
          </button>
        </div>
      </div>
    </header>
  );
}
