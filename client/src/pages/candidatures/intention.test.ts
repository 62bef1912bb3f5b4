import { describe, expect, it } from 'vitest';
import { parseInhabitants } from './IntentionForm';

describe('parseInhabitants', () => {
  it('reads whole numbers, with French thousands separators', () => {
    expect(parseInhabitants('1280')).toBe(1280);
    expect(parseInhabitants('1 280')).toBe(1280);
    expect(parseInhabitants('12\u202f500')).toBe(12500);
    expect(parseInhabitants(' 10000000 ')).toBe(10_000_000);
  });
  it('refuses what is not a whole number from 1 to 10 000 000', () => {
    for (const text of ['', '0', '-5', '12,5', '1.5', 'mille', '10000001', '1e3'])
      expect(parseInhabitants(text), text).toBeNull();
  });
});
