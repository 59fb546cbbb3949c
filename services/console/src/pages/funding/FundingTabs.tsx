import { useTranslation } from 'react-i18next';
import { useProfile } from '../../auth/session-context';
import { SectionTabs } from '../common/SectionTabs';

/** The funding pages: the approval queue (for officers who manage funds), budget use and the ledger. */
export function FundingTabs() {
  const { t } = useTranslation();
  const { permissions } = useProfile();
  const tabs = [
    ...(permissions.includes('funding.manage')
      ? [{ path: '/funding/queue', label: t('funding.tabs.queue'), testId: 'funding-tab-queue' }]
      : []),
    { path: '/funding/budgets', label: t('funding.tabs.budgets'), testId: 'funding-tab-budgets' },
    { path: '/funding/ledger', label: t('funding.tabs.ledger'), testId: 'funding-tab-ledger' },
  ];
  return <SectionTabs label={t('funding.subnav')} tabs={tabs} />;
}
