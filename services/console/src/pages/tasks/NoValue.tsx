import { useTranslation } from 'react-i18next';

/** An empty cell or field: a dash for the eye, "none" in words for screen readers. */
export function NoValue() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('tasks.table.noValue')}</span>
    </>
  );
}
