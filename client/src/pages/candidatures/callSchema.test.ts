import { describe, expect, it } from 'vitest';
import { callSchema } from './callSchema';

const valid = {
  title: 'Appel à coopération 2027',
  waveYear: 2027,
  intentionDeadline: '2027-03-31',
  engagementDeadline: '2027-06-30',
  minInhabitants: 800,
  maxInhabitants: 1500,
  investment: 80,
  operating: 20,
  years: 3,
  contact: '',
};

const errors = (values: Record<string, unknown>) =>
  Object.fromEntries((callSchema.safeParse(values).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('callSchema', () => {
  it('accepts a complete call', () => {
    expect(callSchema.safeParse(valid).success).toBe(true);
  });
  it('says in French, field by field, what is missing or wrong', () => {
    expect(errors({ ...valid, title: '  ', waveYear: '', intentionDeadline: '' })).toEqual({
      title: "Donnez un titre à l'appel.",
      waveYear: "Indiquez l'année de la vague.",
      intentionDeadline: "Indiquez la date limite de la lettre d'intention.",
    });
    expect(errors({ ...valid, years: 11, investment: -1 })).toEqual({
      years: 'Au plus 10.',
      investment: 'Un montant positif ou nul.',
    });
  });
  it('checks the fields against each other (the same day for both deadlines is allowed, as on the server)', () => {
    expect(callSchema.safeParse({ ...valid, engagementDeadline: valid.intentionDeadline }).success).toBe(true);
    expect(errors({ ...valid, engagementDeadline: '2027-03-01' })).toEqual({
      engagementDeadline: "La lettre d'engagement ne peut pas se clore avant la lettre d'intention.",
    });
    expect(errors({ ...valid, maxInhabitants: 500 })).toEqual({
      maxInhabitants: 'Le maximum est au moins égal au minimum.',
    });
  });
});
