import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../shell/use-page-title';
import { PageHeading } from './PageHeading';

export function ForbiddenPage() {
  const { t } = useTranslation();
  usePageTitle(t('pages.forbiddenTitle'));
  return (
    <>
      <PageHeading>{t('pages.forbiddenTitle')}</PageHeading>
      <p data-testid="forbidden">{t('pages.forbiddenBody')}</p>
      <p>
        <Link to="/">{t('pages.backHome')}</Link>
      </p>
    </>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('pages.notFoundTitle'));
  return (
    <>
      <PageHeading>{t('pages.notFoundTitle')}</PageHeading>
      <p data-testid="not-found">{t('pages.notFoundBody')}</p>
      <p>
        <Link to="/">{t('pages.backHome')}</Link>
      </p>
    </>
  );
}
