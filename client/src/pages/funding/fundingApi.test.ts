import { describe, expect, it } from 'vitest';
import { eurosToCents } from './fundingApi';

describe('eurosToCents', () => {
  it('reads French and dotted amounts exactly', () => {
    expect(eurosToCents('1 234,56')).toBe(123456);
    expect(eurosToCents('0.1')).toBe(10);
    expect(eurosToCents('120000')).toBe(12000000);
    expect(eurosToCents('19,99 €')).toBe(1999);
  });
  it('refuses negative, zero, three decimals and text', () => {
    expect(eurosToCents('-5')).toBeNull();
    expect(eurosToCents('0')).toBeNull();
    expect(eurosToCents('1,234')).toBeNull();
    expect(eurosToCents('beaucoup')).toBeNull();
  });
});
