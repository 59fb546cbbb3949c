import { useTranslation } from 'react-i18next';
import { resolveLanguage, type Language } from '../../i18n/language';

/** The language the console is showing now. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return resolveLanguage(i18n.resolvedLanguage);
}
