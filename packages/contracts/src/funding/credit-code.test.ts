import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, creditCodeSchema, isValidCreditCode } from './credit-code';

describe('unified social credit code (GB 32100-2015)', () => {
  // A code published in the standard's examples, and one completed with its computed check character.
  const published = '91350100M000100Y43';

  it('computes the check character over the first 17 characters', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('accepts codes whose check character matches', () => {
    const completed = '91340100MA2MTQ3X6'.concat(creditCodeCheckCharacter('91340100MA2MTQ3X6') ?? '');
    for (const code of [published, completed]) expect(isValidCreditCode(code), code).toBe(true);
    expect(creditCodeSchema.safeParse(published).success).toBe(true);
  });

  it('refuses a wrong check character, a wrong length, letters outside the alphabet and lower case', () => {
    for (const code of [
      '91350100M000100Y44', // check character off by one
      '91350100M000100Y4', // 17 characters
      '91350100M000100Y433', // 19 characters
      '91350100M000I00Y43', // I is not in the alphabet
      '91350100m000100y43', // lower case
      '9135010AM000100Y43', // the division code must be digits
      '',
    ]) {
      expect(isValidCreditCode(code), code).toBe(false);
      expect(creditCodeSchema.safeParse(code).success, code).toBe(false);
    }
  });
});
