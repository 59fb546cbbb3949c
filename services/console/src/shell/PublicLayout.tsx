import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';

/** Layout for the pages before sign-in: the platform name, the language switch and a centred main area. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="public-layout">
      <SkipLink />
      <header className="app-header">
        <div className="app-header__inner app-header__inner--public">
          <span className="brand">{t('app.name')}</span>
          <div className="header-actions">
            <LanguageSwitch className="header-button" />
          </div>
        </div>
      </header>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="public-main">
        {children}
      </main>
    </div>
  );
}
