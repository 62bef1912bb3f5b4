import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The lead's closing decision after the last operating year, with the server's rules in French. */
export function closureSchema(programmeEnd: string, today: string) {
  return z.object({
    outcome: z.enum(['autonomous', 'ended'], { error: 'Choisissez l’issue du projet pilote.' }),
    reason: z
      .string()
      .trim()
      .min(3, { error: 'Indiquez la raison de la décision (3 caractères au moins).' })
      .max(4000, { error: 'Au plus 4 000 caractères.' }),
    decidedOn: z
      .string()
      .regex(DATE, { error: 'Indiquez la date de la décision.' })
      .refine((d) => d > programmeEnd, { error: 'La décision se prend après la dernière année du programme.' })
      .refine((d) => d <= today, { error: 'La date de la décision ne peut pas être dans le futur.' }),
  });
}

export type ClosureValues = z.output<ReturnType<typeof closureSchema>>;
