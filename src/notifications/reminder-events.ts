import { addDays } from '../pilots/pilot-terms';
import { euros, frenchDate } from '../common/format-fr';

/**
 * The daily reminders, pure: which events are due on a given day. Each event has a stable key, so that
 * `UNIQUE (user_id, event_key)` in `notifications` turns every later run into a no-op for it.
 */

export const NOTIFICATION_KINDS = [
  'call_deadline',
  'disbursement_due',
  'disbursement_overdue',
  'milestone_due',
  'milestone_late',
  'year_ending',
  'report_issued',
  'report_comment',
  'candidature_received',
  'candidature_decided',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who must hear about it: every active lead, or a pilot's lead (all leads when it has none) and coordinators. */
export type Audience = { type: 'leads' } | { type: 'pilot'; pilotId: string };

export type ReminderEvent = {
  key: string;
  kind: NotificationKind;
  pilotId: string | null;
  title: string;
  body: string;
  link: string;
  dueDate: string;
  audience: Audience;
};

export const CALL_DEADLINE_DAYS = 7;
export const DISBURSEMENT_DAYS = 30;
export const MILESTONE_DAYS = 30;
export const YEAR_END_DAYS = 30;

export function formatDateFr(date: string): string {
  return frenchDate(date);
}

export type CallInput = { id: string; title: string; intentionDeadline: string; engagementDeadline: string };

export function callDeadlineEvents(calls: CallInput[], today: string): ReminderEvent[] {
  const horizon = addDays(today, CALL_DEADLINE_DAYS);
  const phases = [
    { phase: 'intention', label: 'lettre d’intention', date: (c: CallInput) => c.intentionDeadline },
    { phase: 'engagement', label: 'lettre d’engagement', date: (c: CallInput) => c.engagementDeadline },
  ];
  return calls.flatMap((c) =>
    phases
      .filter((p) => p.date(c) >= today && p.date(c) <= horizon)
      .map((p) => ({
        key: `call-deadline:${c.id}:${p.phase}`,
        kind: 'call_deadline' as const,
        pilotId: null,
        title: `${c.title} : dépôt des ${p.label}s le ${formatDateFr(p.date(c))}`,
        body: `La phase « ${p.label} » de l’appel « ${c.title} » se clôt le ${formatDateFr(p.date(c))}. Pensez à relancer les communes qui ne l’ont pas encore déposée.`,
        link: `/appels/${c.id}`,
        dueDate: p.date(c),
        audience: { type: 'leads' as const },
      })),
  );
}

export type InstalmentInput = {
  fund: 'investment' | 'operating';
  year: number;
  dueDate: string | null;
  remainingCents: number;
  status: string;
};
export type PilotInput = { id: string; name: string };

const FUND_FR: Record<InstalmentInput['fund'], string> = {
  investment: 'fonds d’investissement',
  operating: 'fonds de fonctionnement',
};

/** An unpaid instalment due within 30 days is "due"; once funding calls it overdue (past its payment window), "overdue". */
export function disbursementEvents(pilot: PilotInput, schedule: InstalmentInput[], today: string): ReminderEvent[] {
  const horizon = addDays(today, DISBURSEMENT_DAYS);
  const events: ReminderEvent[] = [];
  for (const i of schedule) {
    if (!i.dueDate || i.remainingCents <= 0) continue;
    const what = `${FUND_FR[i.fund]}, année ${i.year}`;
    const base = {
      pilotId: pilot.id,
      link: `/pilotes/${pilot.id}`,
      dueDate: i.dueDate,
      audience: { type: 'pilot' as const, pilotId: pilot.id },
    };
    if (i.status === 'overdue') {
      events.push({
        ...base,
        key: `disbursement-overdue:${pilot.id}:${i.fund}:${i.year}`,
        kind: 'disbursement_overdue',
        title: `${pilot.name} : versement en retard (${what})`,
        body: `Le versement du ${what} était dû le ${formatDateFr(i.dueDate)} ; il reste ${euros(i.remainingCents)} à verser.`,
      });
    } else if (i.dueDate <= horizon) {
      events.push({
        ...base,
        key: `disbursement-due:${pilot.id}:${i.fund}:${i.year}`,
        kind: 'disbursement_due',
        title: `${pilot.name} : versement à effectuer le ${formatDateFr(i.dueDate)} (${what})`,
        body: `Le versement du ${what} est dû le ${formatDateFr(i.dueDate)} : ${euros(i.remainingCents)} restent à verser.`,
      });
    }
  }
  return events;
}

export type MilestoneInput = { id: string; pilotId: string; title: string; dueDate: string; late: boolean };

export function milestoneEvents(pilotName: string, milestones: MilestoneInput[], today: string): ReminderEvent[] {
  const horizon = addDays(today, MILESTONE_DAYS);
  return milestones
    .filter((m) => m.late || (m.dueDate >= today && m.dueDate <= horizon))
    .map((m) => ({
      key: `${m.late ? 'milestone-late' : 'milestone-due'}:${m.id}`,
      kind: m.late ? ('milestone_late' as const) : ('milestone_due' as const),
      pilotId: m.pilotId,
      title: m.late
        ? `${pilotName} : jalon en retard — ${m.title}`
        : `${pilotName} : jalon à échéance le ${formatDateFr(m.dueDate)} — ${m.title}`,
      body: m.late
        ? `Le jalon « ${m.title} » devait être atteint le ${formatDateFr(m.dueDate)}. Mettez à jour son statut ou ajoutez une preuve.`
        : `Le jalon « ${m.title} » arrive à échéance le ${formatDateFr(m.dueDate)}.`,
      link: `/pilotes/${m.pilotId}/autonomie`,
      dueDate: m.dueDate,
      audience: { type: 'pilot' as const, pilotId: m.pilotId },
    }));
}

export function yearEndEvents(
  pilot: PilotInput,
  years: { year: number; to: string }[],
  today: string,
): ReminderEvent[] {
  const horizon = addDays(today, YEAR_END_DAYS);
  return years
    .filter((y) => y.to >= today && y.to <= horizon)
    .map((y) => ({
      key: `year-end:${pilot.id}:${y.year}`,
      kind: 'year_ending' as const,
      pilotId: pilot.id,
      title: `${pilot.name} : l’année ${y.year} se termine le ${formatDateFr(y.to)}`,
      body: `L’année de projet ${y.year} se termine le ${formatDateFr(y.to)} : le rapport annuel pour les financeurs est à préparer.`,
      link: `/pilotes/${pilot.id}`,
      dueDate: y.to,
      audience: { type: 'pilot' as const, pilotId: pilot.id },
    }));
}
