import { describe, expect, it } from 'vitest';
import { todayInFrance } from '../common/codes';
import { isPhaseOpen, phaseClosesAt } from './deadline';

describe('phase deadlines in Europe/Paris', () => {
  it('keeps a summer deadline open until 23:59:59 CEST (21:59:59 UTC)', () => {
    expect(isPhaseOpen('2023-06-02', new Date('2023-06-02T21:59:59.999Z'))).toBe(true);
    expect(isPhaseOpen('2023-06-02', new Date('2023-06-02T22:00:00Z'))).toBe(false);
    expect(phaseClosesAt('2023-06-02').toISOString()).toBe('2023-06-02T22:00:00.000Z');
  });

  it('keeps a winter deadline open until 23:59:59 CET (22:59:59 UTC)', () => {
    expect(isPhaseOpen('2023-12-01', new Date('2023-12-01T22:59:59Z'))).toBe(true);
    expect(isPhaseOpen('2023-12-01', new Date('2023-12-01T23:00:00Z'))).toBe(false);
    expect(phaseClosesAt('2023-12-01').toISOString()).toBe('2023-12-01T23:00:00.000Z');
  });

  it('handles the days of the clock changes', () => {
    // 26 March 2023: clocks go forward at 02:00; the day ends at 22:00 UTC.
    expect(phaseClosesAt('2023-03-26').toISOString()).toBe('2023-03-26T22:00:00.000Z');
    // The day before the switch still ends in winter time.
    expect(phaseClosesAt('2023-03-25').toISOString()).toBe('2023-03-25T23:00:00.000Z');
    // 29 October 2023: clocks go back at 03:00; the day ends at 23:00 UTC.
    expect(phaseClosesAt('2023-10-29').toISOString()).toBe('2023-10-29T23:00:00.000Z');
    expect(phaseClosesAt('2023-10-28').toISOString()).toBe('2023-10-28T22:00:00.000Z');
    expect(isPhaseOpen('2023-10-29', new Date('2023-10-29T22:30:00Z'))).toBe(true);
    expect(isPhaseOpen('2023-03-26', new Date('2023-03-26T22:30:00Z'))).toBe(false);
  });

  it('reads the Paris calendar date, not the UTC one', () => {
    expect(todayInFrance(new Date('2023-09-01T22:30:00Z'))).toBe('2023-09-02');
    expect(todayInFrance(new Date('2023-09-01T21:30:00Z'))).toBe('2023-09-01');
  });

  it('extends a phase to a later reopening date, never shortens it', () => {
    expect(isPhaseOpen('2023-06-02', new Date('2023-06-10T10:00:00Z'), '2023-06-15')).toBe(true);
    expect(isPhaseOpen('2023-06-02', new Date('2023-06-16T10:00:00Z'), '2023-06-15')).toBe(false);
    expect(isPhaseOpen('2023-06-02', new Date('2023-06-01T10:00:00Z'), '2023-05-01')).toBe(true);
  });
});
