import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const count = (what: string, min: number, max?: number) =>
  z
    .number({ error: `Indiquez ${what}.` })
    .int({ error: `${what[0]!.toUpperCase()}${what.slice(1)} : un nombre entier.` })
    .min(min, { error: `Au moins ${min}.` })
    .max(max ?? Number.MAX_SAFE_INTEGER, { error: `Au plus ${max}.` });
const euros = (what: string) =>
  z
    .number({ error: `Indiquez ${what}.` })
    .min(0, { error: 'Un montant positif ou nul.' })
    .max(100_000, { error: 'Au plus 100 000 €.' });

/** The call form's rules, in French; the server checks them again (and its refusals land on the same fields). */
export const callSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, { error: "Donnez un titre à l'appel." })
      .max(200, { error: 'Au plus 200 caractères.' }),
    waveYear: count("l'année de la vague", 2000, 2100),
    intentionDeadline: z.string().regex(DATE, { error: "Indiquez la date limite de la lettre d'intention." }),
    engagementDeadline: z.string().regex(DATE, { error: "Indiquez la date limite de la lettre d'engagement." }),
    minInhabitants: count('le nombre minimum d’habitants', 1, 10_000_000),
    maxInhabitants: count('le nombre maximum d’habitants', 1, 10_000_000),
    investment: euros("l'investissement par habitant"),
    operating: euros('le fonctionnement par habitant et par an'),
    years: count("le nombre d'années", 1, 10),
    contact: z.string().max(500, { error: 'Au plus 500 caractères.' }),
  })
  .refine(
    (v) =>
      !DATE.test(v.intentionDeadline) ||
      !DATE.test(v.engagementDeadline) ||
      v.engagementDeadline >= v.intentionDeadline,
    {
      error: "La lettre d'engagement ne peut pas se clore avant la lettre d'intention.",
      path: ['engagementDeadline'],
    },
  )
  .refine(
    (v) =>
      typeof v.minInhabitants !== 'number' ||
      typeof v.maxInhabitants !== 'number' ||
      v.maxInhabitants >= v.minInhabitants,
    {
      error: 'Le maximum est au moins égal au minimum.',
      path: ['maxInhabitants'],
    },
  );
