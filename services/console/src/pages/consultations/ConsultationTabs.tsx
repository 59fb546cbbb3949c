import { useTranslation } from 'react-i18next';
import { SectionTabs } from '../common/SectionTabs';

/** The consultation pages: the records, the meetings, the calendar. */
export function ConsultationTabs() {
  const { t } = useTranslation();
  return (
    <SectionTabs
      label={t('consultations.subnav')}
      tabs={[
        { path: '/consultations', label: t('consultations.tabs.board'), testId: 'consultations-tab-board' },
        { path: '/meetings', label: t('consultations.tabs.meetings'), testId: 'consultations-tab-meetings' },
        { path: '/meetings/calendar', label: t('consultations.tabs.calendar'), testId: 'consultations-tab-calendar' },
      ]}
    />
  );
}
