import { describe, expect, it } from 'vitest';
import { callDeadlineEvents, disbursementEvents, milestoneEvents, yearEndEvents } from './reminder-events';

const pilot = { id: 'p1', name: 'Saint-Genès' };

describe('reminder events', () => {
  it('reminds of a call phase deadline in the next 7 days, once per call and phase', () => {
    const calls = [
      { id: 'c1', title: 'Appel 2023', intentionDeadline: '2023-06-02', engagementDeadline: '2023-09-01' },
    ];
    expect(callDeadlineEvents(calls, '2023-05-26').map((e) => e.key)).toEqual(['call-deadline:c1:intention']);
    expect(callDeadlineEvents(calls, '2023-06-02')).toHaveLength(1);
    expect(callDeadlineEvents(calls, '2023-05-25')).toHaveLength(0);
    expect(callDeadlineEvents(calls, '2023-06-03')).toHaveLength(0);
    expect(callDeadlineEvents(calls, '2023-08-30')[0]).toMatchObject({
      key: 'call-deadline:c1:engagement',
      audience: { type: 'leads' },
    });
  });

  it('reminds of an unpaid instalment due within 30 days, and of an overdue one under another key', () => {
    const schedule = [
      { fund: 'operating' as const, year: 2, dueDate: '2024-11-15', remainingCents: 2_400_000, status: 'upcoming' },
      { fund: 'investment' as const, year: 1, dueDate: '2023-11-15', remainingCents: 0, status: 'paid' },
      { fund: 'operating' as const, year: 1, dueDate: '2023-11-15', remainingCents: 100, status: 'overdue' },
    ];
    const events = disbursementEvents(pilot, schedule, '2024-10-20');
    expect(events.map((e) => e.key)).toEqual([
      'disbursement-due:p1:operating:2',
      'disbursement-overdue:p1:operating:1',
    ]);
    expect(events[0].body).toMatch(/24.000,00/);
    expect(disbursementEvents(pilot, schedule, '2024-10-10').map((e) => e.kind)).toEqual(['disbursement_overdue']);
  });

  it('reminds of a milestone due within 30 days, and of a late one', () => {
    const ms = [
      { id: 'm1', pilotId: 'p1', title: 'Lieu ouvert', dueDate: '2024-05-15', late: false },
      { id: 'm2', pilotId: 'p1', title: 'Gouvernance', dueDate: '2024-02-15', late: true },
      { id: 'm3', pilotId: 'p1', title: 'Plus tard', dueDate: '2024-09-15', late: false },
    ];
    expect(milestoneEvents('Saint-Genès', ms, '2024-05-01').map((e) => e.key)).toEqual([
      'milestone-due:m1',
      'milestone-late:m2',
    ]);
  });

  it('reminds that a project year ends within 30 days (report due)', () => {
    const years = [
      { year: 1, to: '2024-11-14' },
      { year: 2, to: '2025-11-14' },
    ];
    expect(yearEndEvents(pilot, years, '2024-10-20').map((e) => e.key)).toEqual(['year-end:p1:1']);
    expect(yearEndEvents(pilot, years, '2024-11-15')).toHaveLength(0);
  });
});
