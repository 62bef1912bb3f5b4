import { describe, expect, it } from 'vitest';
import { pilotStage, programmeEnd, projectYearOf } from '../pilots/pilot-terms';
import { DEMO_MONTHS_RUNNING, demoBilanStart, demoCalendar } from './demo-calendar';

describe('the demo calendar', () => {
  it('starts the demo pilot 20 months before the day of seeding, so it is in its second project year', () => {
    for (const today of ['2026-12-02', '2027-03-31', '2028-02-29', '2025-11-15']) {
      const cal = demoCalendar(today);
      expect(projectYearOf(cal.start, today)).toBe(2);
      expect(cal.start.slice(8)).toBe('15');
    }
    expect(DEMO_MONTHS_RUNNING).toBe(20);
    expect(demoCalendar('2026-12-02').start).toBe('2025-04-15');
  });

  it('moves every date of the story by the same whole months, keeping their order and day', () => {
    const cal = demoCalendar('2026-12-02');
    expect(cal.date('2023-06-02')).toBe('2024-11-02');
    expect(cal.date('2023-11-15')).toBe('2025-04-15');
    expect(cal.date('2024-01-31')).toBe('2025-06-30'); // clamped to the month's last day
    expect(cal.instant('2023-08-28T14:00:00Z')).toBe('2025-01-28T14:00:00Z');
    expect(cal.withYear('MANDAT-SMICVAL-{y}-1187', '2023-12-04')).toBe('MANDAT-SMICVAL-2025-1187');
    expect(cal.year(2022)).toBe(2024);
  });

  it('leaves the story as written when seeded on the day it was written for', () => {
    const cal = demoCalendar('2025-07-20');
    expect(cal.start).toBe('2023-11-15');
    expect(cal.date('2024-02-20')).toBe('2024-02-20');
  });

  it('starts the second demo pilot so that its three years ended months ago: it is in « bilan »', () => {
    for (const today of ['2026-12-02', '2027-01-01', '2028-02-29', '2025-11-15']) {
      const start = demoBilanStart(today);
      expect(start.slice(8)).toBe('01');
      const end = programmeEnd(start, 3)!;
      expect(end < today).toBe(true);
      expect(pilotStage({ status: 'running', startDate: start, operatingYears: 3 }, today)).toBe('bilan');
      // Ended recently: its last year's activities and ledger are still fresh.
      expect(projectYearOf(start, today)).toBe(4);
    }
    expect(demoBilanStart('2026-12-02')).toBe('2023-09-01');
  });
});
