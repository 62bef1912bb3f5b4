import { describe, expect, it } from 'vitest';
import { callPhase, currentPeriod, pilotSummaries, todoItems } from './home.model';
import type { PilotRow } from './home.queries';

const pilot = (over: Partial<PilotRow> = {}): PilotRow => ({
  id: 'p1',
  name: 'Haux',
  status: 'running',
  waveYear: 2023,
  callId: null,
  callTitle: null,
  communes: [{ name: 'Haux' }],
  initialInhabitants: 1000,
  startDate: '2024-01-15',
  createdDate: '2023-12-01',
  investmentPerInhabitantCents: 8000,
  operatingPerInhabitantPerYearCents: 2000,
  operatingYears: 3,
  amendments: [],
  ...over,
});

describe('home model', () => {
  it('tells the phase of a call and the days left', () => {
    const call = { intentionDeadline: '2026-06-02', engagementDeadline: '2026-09-01' };
    expect(callPhase(call, '2026-05-31')).toEqual({ phase: 'intention', deadline: '2026-06-02', daysLeft: 2 });
    expect(callPhase(call, '2026-06-02')).toMatchObject({ phase: 'intention', daysLeft: 0 });
    expect(callPhase(call, '2026-06-03')).toEqual({ phase: 'engagement', deadline: '2026-09-01', daysLeft: 90 });
    expect(callPhase(call, '2026-09-02')).toEqual({ phase: 'selection', deadline: null, daysLeft: null });
  });

  it('takes the current period as the pilot overview does', () => {
    expect(currentPeriod(pilot(), '2025-03-01')).toEqual({
      pilotId: 'p1',
      year: 2,
      from: '2025-01-15',
      to: '2026-01-14',
    });
    expect(currentPeriod(pilot(), '2024-01-10')).toEqual({
      pilotId: 'p1',
      year: 0,
      from: '2023-06-01',
      to: '2024-01-14',
    });
    expect(currentPeriod(pilot({ startDate: null }), '2024-03-01')).toEqual({
      pilotId: 'p1',
      year: null,
      from: '2023-06-01',
      to: '2024-03-01',
    });
  });

  it('sums aggregated ledger rows like the funding page and lists what is due', () => {
    const [s] = pilotSummaries(
      {
        pilots: [
          pilot({
            amendments: [
              {
                id: 'a',
                inhabitants: 1100,
                effectiveDate: '2025-01-01',
                reason: 'r',
                createdAt: '2025-01-01T00:00:00.000Z',
              },
            ],
          }),
        ],
        ledger: [
          {
            pilotId: 'p1',
            type: 'disbursement',
            fund: 'investment',
            year: 1,
            sourceKind: null,
            amountCents: 8_000_000,
          },
          { pilotId: 'p1', type: 'disbursement', fund: 'operating', year: 1, sourceKind: null, amountCents: 2_000_000 },
          { pilotId: 'p1', type: 'cofinancing', fund: null, year: 2, sourceKind: 'grant', amountCents: 500_000 },
        ],
        activities: [],
        milestones: [
          {
            id: 'm1',
            pilotId: 'p1',
            title: 'Lieu',
            dueDate: '2024-07-15',
            status: 'planned',
            targetIndicator: null,
            targetOperator: null,
            targetValue: null,
            targetYear: null,
          },
          {
            id: 'm2',
            pilotId: 'p1',
            title: 'Autonomie',
            dueDate: '2026-01-14',
            status: 'planned',
            targetIndicator: 'autonomyRatio',
            targetOperator: 'gte',
            targetValue: 0.5,
            targetYear: 2,
          },
        ],
        waste: [],
        reports: [],
      },
      '2025-03-01',
    );
    // Year 2 follows the amendment: 1100 × 20 €; year 1 and the investment keep 1000 inhabitants.
    expect(s.funding.operating.entitledCents).toBe(2_000_000 + 2_200_000 + 2_200_000);
    expect(s.inhabitants).toBe(1100);
    expect(s.autonomy[1]).toEqual({ year: 2, ratio: 1, target: { operator: 'gte', value: 0.5 }, targetMet: true });
    expect(s.autonomy[2]).toEqual({ year: 3, ratio: null, target: null, targetMet: null });
    expect(s.lateMilestones.map((m) => m.id)).toEqual(['m1']);
    expect(s.instalmentsDue).toEqual([
      { fund: 'operating', year: 2, dueDate: '2025-01-15', remainingCents: 2_200_000, status: 'overdue' },
    ]);
    const todo = todoItems(s, [], [], '2025-03-01');
    expect(todo.map((i) => i.kind)).toEqual(['instalment_due', 'report_due', 'waste_missing', 'waste_missing']);
    expect(todo.filter((i) => i.kind === 'waste_missing').map((i) => i.title)).toEqual([
      'Tonnages de déchets 2023',
      'Tonnages de déchets 2024',
    ]);
  });
});
