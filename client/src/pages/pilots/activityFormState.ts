import { todayInFrance, type Activity, type CreateActivity } from './pilotsApi';

/** The activity form's fields as typed (numbers may still be empty strings), and the conversions to and from the API. */
export const STREAMS = [
  ['reuse', 'Réemploi'],
  ['repair', 'Réparation'],
  ['compost', 'Compostage'],
  ['recycling', 'Recyclage'],
  ['other', 'Autre'],
] as const;
type Stream = (typeof STREAMS)[number][0];

export type FormState = Record<string, unknown> & {
  date: string;
  title: string;
  type: string;
  participants: number | string;
  policies: string[];
  volunteers: number | string;
  volunteerHours: number | string;
  actorIds: string[];
  participationLevel: string;
  kg: Record<Stream, number | string>;
  notes: string;
};

export function initialState(a?: Activity): FormState {
  return {
    date: a?.date ?? todayInFrance(),
    title: a?.title ?? '',
    type: a?.type ?? 'workshop',
    participants: a?.participants ?? '',
    policies: a?.policies ?? ['waste_reduction'],
    volunteers: a?.volunteers || '',
    volunteerHours: a?.volunteerHours || '',
    actorIds: a?.actorIds ?? [],
    participationLevel: a?.participationLevel ?? '',
    kg: {
      reuse: a?.divertedKg.reuse || '',
      repair: a?.divertedKg.repair || '',
      compost: a?.divertedKg.compost || '',
      recycling: a?.divertedKg.recycling || '',
      other: a?.divertedKg.other || '',
    },
    notes: a?.notes ?? '',
  };
}

/** A queued activity's body back into the form's fields (to fix what the server refused). */
export function stateFromBody(b: CreateActivity): FormState {
  const kg = b.divertedKg ?? {};
  return {
    ...initialState(),
    date: b.date,
    title: b.title,
    type: b.type,
    participants: b.participants,
    policies: b.policies ?? ['waste_reduction'],
    volunteers: b.volunteers || '',
    volunteerHours: b.volunteerHours || '',
    actorIds: b.actorIds ?? [],
    participationLevel: b.participationLevel ?? '',
    kg: Object.fromEntries(STREAMS.map(([k]) => [k, kg[k] || ''])) as FormState['kg'],
    notes: b.notes ?? '',
  };
}

const num = (v: number | string) => (v === '' ? undefined : Number(v));

export function toBody(s: FormState): CreateActivity {
  const kg = Object.fromEntries(STREAMS.map(([k]) => [k, num(s.kg[k])]).filter(([, v]) => v !== undefined));
  return {
    date: s.date,
    title: s.title.trim(),
    type: s.type as CreateActivity['type'],
    participants: Number(s.participants === '' ? 0 : s.participants),
    policies: (s.policies.length > 0 ? s.policies : ['waste_reduction']) as CreateActivity['policies'],
    volunteers: num(s.volunteers) ?? 0,
    volunteerHours: num(s.volunteerHours) ?? 0,
    actorIds: s.actorIds,
    participationLevel: (s.participationLevel || null) as CreateActivity['participationLevel'],
    divertedKg: kg,
    notes: s.notes.trim() || null,
  };
}
