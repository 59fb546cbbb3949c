import type { Language } from '../i18n/language';
import type { ProgrammeView } from './funding-types';

/** A programme's name in the language shown (the Chinese one when there is no English), its id when unknown. */
export function programmeName(
  programmes: readonly ProgrammeView[] | undefined,
  id: string,
  language: Language,
): string {
  const programme = programmes?.find((candidate) => candidate.id === id);
  if (!programme) return id;
  return language === 'en' ? programme.nameEn || programme.name : programme.name;
}
