import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** « Saint-Genès, Haux » → the communes' names, blanks dropped. */
export function communeList(text: string): string[] {
  return text
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
}

/** The lead's direct pilot creation, in French; the server checks the same rules again. */
export const pilotSchema = z.object({
  name: z.string().trim().min(1, { error: 'Donnez un nom au projet.' }).max(200, { error: 'Au plus 200 caractères.' }),
  communes: z
    .string()
    .refine((v) => communeList(v).length > 0, { error: 'Indiquez au moins une commune.' })
    .refine((v) => communeList(v).length <= 50, { error: 'Au plus 50 communes.' })
    .refine((v) => communeList(v).every((c) => c.length <= 200), {
      error: 'Un nom de commune a au plus 200 caractères.',
    }),
  inhabitants: z
    .number({ error: 'Indiquez le nombre d’habitants concernés.' })
    .int({ error: 'Un nombre entier d’habitants.' })
    .min(1, { error: 'Au moins 1 habitant.' })
    .max(10_000_000, { error: 'Au plus 10 000 000 d’habitants.' }),
  inhabitantsSource: z.string().max(500, { error: 'Au plus 500 caractères.' }),
  startDate: z
    .string()
    .refine((v) => v === '' || DATE.test(v), { error: 'Une date complète, ou rien si elle n’est pas encore fixée.' }),
  waveYear: z.union([
    z.literal(''),
    z
      .number({ error: 'Une année, ou rien.' })
      .int({ error: 'Une année, ou rien.' })
      .min(2000, { error: 'Entre 2000 et 2100.' })
      .max(2100, { error: 'Entre 2000 et 2100.' }),
  ]),
});

export type PilotValues = z.output<typeof pilotSchema>;
