import { describe, expect, it } from 'vitest';
import { defaultRoadmap, isLate } from './milestones';

describe('milestones', () => {
  it('is late once the due date has passed and it is neither done nor dropped', () => {
    expect(isLate({ dueDate: '2024-03-01', status: 'planned' }, '2024-03-02')).toBe(true);
    expect(isLate({ dueDate: '2024-03-01', status: 'in_progress' }, '2024-03-02')).toBe(true);
    expect(isLate({ dueDate: '2024-03-01', status: 'planned' }, '2024-03-01')).toBe(false);
    expect(isLate({ dueDate: '2024-03-01', status: 'done' }, '2024-06-01')).toBe(false);
    expect(isLate({ dueDate: '2024-03-01', status: 'dropped' }, '2024-06-01')).toBe(false);
  });

  it('proposes a three-year roadmap ending before the end of year 3, with a year-2 autonomy target', () => {
    const r = defaultRoadmap('2023-11-15');
    expect(r.map((m) => m.dueDate)).toEqual([
      '2024-02-15',
      '2024-05-15',
      '2024-11-14',
      '2025-11-14',
      '2026-05-15',
      '2026-08-15',
    ]);
    expect(r.every((m) => m.dueDate <= '2026-11-14')).toBe(true);
    expect(r.find((m) => m.target?.indicator === 'autonomyRatio')?.target).toEqual({
      indicator: 'autonomyRatio',
      operator: 'gte',
      value: 0.5,
      year: 2,
    });
    expect(r.map((m) => m.title).join(' | ')).toMatch(
      /gouvernance.*Lieu.*activités.*Autonomie.*juridique.*financement/i,
    );
  });
});
