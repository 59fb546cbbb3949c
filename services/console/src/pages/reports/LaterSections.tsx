import { useTranslation } from 'react-i18next';

/** Funding and consultations on a task arrive with their services; until then the page says so instead of guessing. */
export function LaterSections() {
  const { t } = useTranslation();
  return (
    <>
      {(['funding', 'consultations'] as const).map((part) => (
        <section
          key={part}
          className="card"
          aria-labelledby={`task-${part}-heading`}
          data-testid={`task-${part}-placeholder`}
        >
          <h2 id={`task-${part}-heading`} className="card__title">
            {t(`reports.later.${part}`)}
          </h2>
          <p className="card__empty">{t(`reports.later.${part}Body`)}</p>
        </section>
      ))}
    </>
  );
}
