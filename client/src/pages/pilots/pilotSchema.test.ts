import { describe, expect, it } from 'vitest';
import { communeList, pilotSchema } from './pilotSchema';

const valid = {
  name: 'Haux — ressourcerie',
  communes: 'Haux, Capian',
  inhabitants: 1200,
  inhabitantsSource: '',
  startDate: '',
  waveYear: '',
};
const errors = (values: Record<string, unknown>) =>
  Object.fromEntries((pilotSchema.safeParse(values).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('pilotSchema', () => {
  it('accepts a pilot without start date nor wave', () => {
    expect(pilotSchema.safeParse(valid).success).toBe(true);
    expect(communeList(' Haux , , Capian ')).toEqual(['Haux', 'Capian']);
  });
  it('says in French what is missing or wrong', () => {
    expect(errors({ ...valid, name: ' ', communes: ' , ', inhabitants: '' })).toEqual({
      name: 'Donnez un nom au projet.',
      communes: 'Indiquez au moins une commune.',
      inhabitants: 'Indiquez le nombre d’habitants concernés.',
    });
    expect(errors({ ...valid, inhabitants: 0, waveYear: 1999 })).toEqual({
      inhabitants: 'Au moins 1 habitant.',
      waveYear: 'Entre 2000 et 2100.',
    });
  });
});
