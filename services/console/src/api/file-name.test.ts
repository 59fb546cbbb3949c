import { describe, expect, it } from 'vitest';
import { fileNameOf } from './file-name';

describe('fileNameOf', () => {
  it('prefers the UTF-8 name, then the plain one', () => {
    expect(fileNameOf(`attachment; filename="ledger.csv"; filename*=UTF-8''%E5%8F%B0%E8%B4%A6.csv`)).toBe('台账.csv');
    expect(fileNameOf('attachment; filename="ledger-2020.xlsx"')).toBe('ledger-2020.xlsx');
    expect(fileNameOf('attachment; filename=ledger.csv')).toBe('ledger.csv');
  });

  it('drops path parts and copes with nothing usable', () => {
    expect(fileNameOf('attachment; filename="../../etc/x.csv"')).toBe('x.csv');
    expect(fileNameOf(`attachment; filename*=UTF-8''%E0%A4%A`)).toBeUndefined();
    expect(fileNameOf('attachment')).toBeUndefined();
    expect(fileNameOf(null)).toBeUndefined();
  });
});
