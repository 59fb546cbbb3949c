import { useTranslation } from 'react-i18next';
import type { PlaceholderFeature } from '../navigation/nav-items';
import { usePageTitle } from '../shell/use-page-title';
import { PageHeading } from './PageHeading';

/** An honest stand-in for a page whose service has not shipped: which part of the platform brings it, and what for. */
export function FeaturePlaceholderPage({ feature }: { feature: PlaceholderFeature }) {
  const { t } = useTranslation();
  const title = t(`nav.${feature}`);
  usePageTitle(title);
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <div className="notice" data-testid={`placeholder-${feature}`}>
        <p className="notice__tag">{t('features.notYetAvailable')}</p>
        <p className="notice__title">{t(`features.${feature}.availability`)}</p>
        <p>{t(`features.${feature}.summary`)}</p>
      </div>
    </>
  );
}
