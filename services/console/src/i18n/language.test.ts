import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, otherLanguage, resolveLanguage } from './language';
import { durationMessage } from './duration';

describe('resolveLanguage', () => {
  it('starts in Chinese unless English was chosen before', () => {
    expect(DEFAULT_LANGUAGE).toBe('zh-CN');
    expect(resolveLanguage(null)).toBe('zh-CN');
    expect(resolveLanguage(undefined)).toBe('zh-CN');
    expect(resolveLanguage('en')).toBe('en');
    expect(resolveLanguage('zh-CN')).toBe('zh-CN');
  });

  it('ignores stored values it does not offer', () => {
    expect(resolveLanguage('fr')).toBe('zh-CN');
    expect(resolveLanguage('EN')).toBe('zh-CN');
    expect(resolveLanguage('')).toBe('zh-CN');
  });

  it('switches between the two languages', () => {
    expect(otherLanguage('zh-CN')).toBe('en');
    expect(otherLanguage('en')).toBe('zh-CN');
  });
});

describe('durationMessage', () => {
  it('shows seconds alone under a minute', () => {
    expect(durationMessage(45)).toEqual({ key: 'duration.seconds', values: { seconds: 45 } });
  });

  it('shows whole minutes alone', () => {
    expect(durationMessage(60)).toEqual({ key: 'duration.minutes', values: { minutes: 1 } });
    expect(durationMessage(300)).toEqual({ key: 'duration.minutes', values: { minutes: 5 } });
  });

  it('shows minutes and padded seconds otherwise', () => {
    expect(durationMessage(61)).toEqual({ key: 'duration.minutesSeconds', values: { minutes: 1, seconds: '01' } });
    expect(durationMessage(305)).toEqual({ key: 'duration.minutesSeconds', values: { minutes: 5, seconds: '05' } });
  });

  it('rounds partial seconds up and never goes below zero', () => {
    expect(durationMessage(0.2)).toEqual({ key: 'duration.seconds', values: { seconds: 1 } });
    expect(durationMessage(-4)).toEqual({ key: 'duration.seconds', values: { seconds: 0 } });
  });
});
