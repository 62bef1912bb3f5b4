import { describe, expect, it } from 'vitest';
import { isCalendarDate, todayInFrance } from '../common/codes';
import { addMonths, pilotLifeStart, projectYears, projectYearsOverlapping } from './pilot-terms';

describe('pilot life', () => {
  it('adds months, keeping the end of shorter months', () => {
    expect(addMonths('2023-11-15', -6)).toBe('2023-05-15');
    expect(addMonths('2024-08-31', -6)).toBe('2024-02-29');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('opens the pilot six months before the earlier of its start and its creation', () => {
    // Selected in 2023, put on the platform in 2026: its first year's activities can still be logged.
    expect(pilotLifeStart('2023-11-15', '2026-11-28')).toBe('2023-05-15');
    // A convention signed after the creation: the preparation since the creation counts.
    expect(pilotLifeStart('2025-03-01', '2024-12-10')).toBe('2024-06-10');
    expect(pilotLifeStart(null, '2024-12-10')).toBe('2024-06-10');
  });

  it('lists the project years, none before a start date', () => {
    expect(projectYears(null, 3)).toEqual([]);
    expect(projectYears('2023-11-15', 3)).toEqual([
      { year: 1, from: '2023-11-15', to: '2024-11-14' },
      { year: 2, from: '2024-11-15', to: '2025-11-14' },
      { year: 3, from: '2025-11-15', to: '2026-11-14' },
    ]);
  });

  it('finds the project years a date range touches (contributions carry a year, not a date)', () => {
    expect(projectYearsOverlapping(null, '2024-01-01', '2024-12-31')).toBeNull();
    expect(projectYearsOverlapping('2023-11-15', '2024-01-01', '2024-12-31')).toEqual([1, 2]);
    expect(projectYearsOverlapping('2023-11-15', '2024-11-15', '2025-11-14')).toEqual([2]);
    // Preparation before the start counts as year 1.
    expect(projectYearsOverlapping('2023-11-15', '2023-06-01', '2023-11-14')).toEqual([1]);
  });

  it('checks calendar dates and knows the day in France', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('24-01-01')).toBe(false);
    // 23:30 UTC on 31 December is already New Year's Day in Paris.
    expect(todayInFrance(new Date('2024-12-31T23:30:00Z'))).toBe('2025-01-01');
    expect(todayInFrance(new Date('2024-07-01T21:59:00Z'))).toBe('2024-07-01');
  });
});
