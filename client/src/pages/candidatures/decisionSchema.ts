import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The committee decision's rules, in French. Selecting a territory outside the call's size criterion needs a
 * justification (`justificationRequired`), as the server requires.
 */
export function decisionSchema(outOfBounds: boolean) {
  return z
    .object({
      decision: z.enum(['selected', 'not_selected', 'withdrawn'], { error: 'Choisissez la décision.' }),
      deliberationNumber: z
        .string()
        .trim()
        .min(1, { error: 'Indiquez le numéro de la délibération.' })
        .max(100, { error: 'Au plus 100 caractères.' }),
      deliberationDate: z.string().regex(DATE, { error: 'Indiquez la date de la délibération.' }),
      justification: z.string().max(5000, { error: 'Au plus 5 000 caractères.' }),
      pilotStartDate: z.string().refine((v) => v === '' || DATE.test(v), { error: 'Une date complète, ou rien.' }),
    })
    .refine((v) => !(outOfBounds && v.decision === 'selected') || v.justification.trim() !== '', {
      error: 'Justifiez la sélection : ce territoire est hors du critère de taille de l’appel.',
      path: ['justification'],
    });
}

export type DecisionValues = z.output<ReturnType<typeof decisionSchema>>;
