import { describe, expect, it } from 'vitest';
import { addYears, inhabitantsAt, projectYearOf, projectYearRange } from './pilot-terms';

const terms = {
  initialInhabitants: 1200,
  amendments: [
    { id: 'b', inhabitants: 1500, effectiveDate: '2025-03-01', reason: 'fusion', createdAt: '2025-02-01T10:00:00Z' },
    {
      id: 'a',
      inhabitants: 1350,
      effectiveDate: '2024-06-01',
      reason: 'recensement',
      createdAt: '2024-05-01T10:00:00Z',
    },
    {
      id: 'c',
      inhabitants: 1490,
      effectiveDate: '2025-03-01',
      reason: 'correction',
      createdAt: '2025-02-02T10:00:00Z',
    },
  ],
};

describe('pilot terms', () => {
  it('uses the initial figure before any amendment', () => {
    expect(inhabitantsAt(terms, '2024-05-31')).toBe(1200);
  });
  it('uses the amendment in force from its effective date', () => {
    expect(inhabitantsAt(terms, '2024-06-01')).toBe(1350);
    expect(inhabitantsAt(terms, '2025-02-28')).toBe(1350);
  });
  it('prefers the last recorded amendment on the same effective date', () => {
    expect(inhabitantsAt(terms, '2025-03-01')).toBe(1490);
  });
  it('counts project years from the start date', () => {
    expect(projectYearRange('2024-01-15', 1)).toEqual({ from: '2024-01-15', to: '2025-01-14' });
    expect(projectYearRange('2024-01-15', 3)).toEqual({ from: '2026-01-15', to: '2027-01-14' });
    expect(projectYearOf('2024-01-15', '2024-01-14')).toBe(0);
    expect(projectYearOf('2024-01-15', '2025-01-14')).toBe(1);
    expect(projectYearOf('2024-01-15', '2025-01-15')).toBe(2);
    expect(projectYearOf(null, '2025-01-15')).toBeNull();
  });
  it('handles 29 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });
});
