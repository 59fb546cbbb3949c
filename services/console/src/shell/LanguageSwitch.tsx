import { useTranslation } from 'react-i18next';
import { otherLanguage, resolveLanguage } from '../i18n/language';

/** One button that switches to the other language; its label is written in that language (and marked so). */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const next = otherLanguage(resolveLanguage(i18n.resolvedLanguage));
  return (
    <button
      type="button"
      className={className}
      lang={next}
      data-testid="lang-switch"
      onClick={() => void i18n.changeLanguage(next)}
    >
      {t('language.switchTo')}
    </button>
  );
}
