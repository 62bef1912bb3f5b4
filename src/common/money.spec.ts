import { describe, expect, it } from 'vitest';
import { multiplyCents, sumCents, toSafeNumber } from './money';

describe('money', () => {
  it('parses bigint strings to numbers', () => {
    expect(toSafeNumber('15000000')).toBe(15_000_000);
  });
  it('refuses integers that would lose precision', () => {
    expect(() => toSafeNumber('9007199254740993')).toThrow(RangeError);
  });
  it('multiplies rates exactly: 80 € × 1500 inhabitants = 120 000 €', () => {
    expect(multiplyCents(8000, 1500)).toBe(12_000_000);
  });
  it('sums cents', () => {
    expect(sumCents([1, 2, 3])).toBe(6);
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 2])).toThrow(RangeError);
  });
});
