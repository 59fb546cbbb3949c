import { describe, expect, it } from 'vitest';
import { formatFen, formatMoney, formatWan } from './money';

describe('formatFen', () => {
  it('shows integer fen as yuan with two decimals and thousands separators', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(123456)).toBe('¥1,234.56');
    expect(formatFen(100_000_000_00)).toBe('¥100,000,000.00');
  });

  it('keeps precision beyond floating point yuan', () => {
    expect(formatFen(9_007_199_254_740_991)).toBe('¥90,071,992,547,409.91');
    expect(formatFen(10n ** 20n + 1n)).toBe('¥1,000,000,000,000,000,000.01');
  });

  it('puts the minus sign before the currency', () => {
    expect(formatFen(-150)).toBe('-¥1.50');
  });
});

describe('formatWan', () => {
  it('shows 万元 with two decimals, rounded half away from zero', () => {
    expect(formatWan(1_000_000, 'zh-CN')).toBe('¥1.00万');
    expect(formatWan(123_456_789, 'zh-CN')).toBe('¥123.46万');
    expect(formatWan(123_455_000, 'zh-CN')).toBe('¥123.46万');
    expect(formatWan(123_454_999, 'zh-CN')).toBe('¥123.45万');
    expect(formatWan(-123_455_000, 'en')).toBe('-¥123.46 × 10k');
  });

  it('never shows minus zero', () => {
    expect(formatWan(-1, 'zh-CN')).toBe('¥0.00万');
  });
});

describe('formatMoney', () => {
  it('uses 万元 from one million yuan up', () => {
    expect(formatMoney(99_999_999, 'zh-CN')).toBe('¥999,999.99');
    expect(formatMoney(100_000_000, 'zh-CN')).toBe('¥100.00万');
  });
});
