import { describe, expect, it } from 'vitest';
import { projectYearOfDate, todayInFrance } from './dates';

describe('todayInFrance', () => {
  it('is the Paris date, not the UTC one, around midnight', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris (UTC+1 in winter).
    expect(todayInFrance(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    // 22:30 UTC on 30 June is 00:30 on 1 July in Paris (UTC+2 in summer).
    expect(todayInFrance(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(todayInFrance(new Date('2026-06-30T21:30:00Z'))).toBe('2026-06-30');
  });
});

describe('projectYearOfDate', () => {
  const years = [
    { year: 1, from: '2023-11-15', to: '2024-11-14' },
    { year: 2, from: '2024-11-15', to: '2025-11-14' },
    { year: 3, from: '2025-11-15', to: '2026-11-14' },
  ];
  it('finds the year whose range holds the date, bounds included', () => {
    expect(projectYearOfDate(years, '2023-11-15')).toBe(1);
    expect(projectYearOfDate(years, '2024-11-14')).toBe(1);
    expect(projectYearOfDate(years, '2024-11-15')).toBe(2);
    expect(projectYearOfDate(years, '2026-03-02')).toBe(3);
  });
  it('keeps to the first year before the start and the last after the end', () => {
    expect(projectYearOfDate(years, '2023-06-01')).toBe(1);
    expect(projectYearOfDate(years, '2027-01-10')).toBe(3);
  });
  it('has no year without a start date', () => {
    expect(projectYearOfDate([], '2026-03-02')).toBeNull();
  });
});
