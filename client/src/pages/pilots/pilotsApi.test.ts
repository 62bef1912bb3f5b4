import { describe, expect, it } from 'vitest';
import { figure } from '../../../../src/common/format-fr.js';
import { formatCount, formatHours, formatKg } from './pilotsApi';

describe("the pilot pages' figures", () => {
  it('print counts, hours and kilograms with the report’s own characters (never tonnes on one, kg on the other)', () => {
    for (const kg of [0, 18.5, 999, 1679, 12_345.6]) expect(formatKg(kg)).toBe(figure(kg, 'kg'));
    expect(formatKg(1679)).toBe('1\u202f679 kg');
    for (const h of [0, 2.5, 1234.25]) expect(formatHours(h)).toBe(figure(h, 'hours'));
    for (const n of [0, 7, 1200, 15_000]) expect(formatCount(n)).toBe(figure(n, 'count'));
  });
});
