import { describe, expect, it } from 'vitest';
import { pilotStage, programmeEnd } from './pilot-terms';

describe('the pilot stage', () => {
  const p = { status: 'running' as const, startDate: '2023-11-15', operatingYears: 3 };

  it('ends the programme on the last day of the last operating year', () => {
    expect(programmeEnd('2023-11-15', 3)).toBe('2026-11-14');
    expect(programmeEnd(null, 3)).toBeNull();
  });

  it('is « bilan » from the day after the last operating year until the lead closes the pilot', () => {
    expect(pilotStage(p, '2026-11-14')).toBe('running');
    expect(pilotStage(p, '2026-11-15')).toBe('bilan');
    expect(pilotStage({ ...p, status: 'autonomous' }, '2026-11-15')).toBe('autonomous');
    expect(pilotStage({ ...p, status: 'ended' }, '2026-11-15')).toBe('ended');
    expect(pilotStage({ ...p, status: 'preparation', startDate: null }, '2030-01-01')).toBe('preparation');
    expect(pilotStage({ ...p, status: 'preparation', startDate: '2027-01-01' }, '2026-11-15')).toBe('preparation');
  });
});
