export const LANGUAGES = ['zh-CN', 'en'] as const;

export type Language = (typeof LANGUAGES)[number];

/** Chinese is the working language of the platform; English is offered alongside it. */
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const LANGUAGE_STORAGE_KEY = 'aiplat.console.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language to start in: the stored choice when it is one we offer, otherwise Chinese (never the browser's). */
export function resolveLanguage(stored: string | null | undefined): Language {
  return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

export function otherLanguage(language: Language): Language {
  return language === 'zh-CN' ? 'en' : 'zh-CN';
}
