import { z } from 'zod';
import { formMessages } from '../../i18n/formMessages';

const narrative = z.string().max(20_000, { error: formMessages.tooLong(20_000) });

/** The report form's rules, in French: a year unless the report is wave-wide (`yearOptional`). */
export function reportSchema(yearOptional: boolean) {
  return z.object({
    year: yearOptional
      ? z.string().nullable()
      : z.string({ error: 'Choisissez l’année de projet.' }).min(1, { error: 'Choisissez l’année de projet.' }),
    audience: z.enum(['ademe', 'coopter', 'board'], { error: 'Choisissez le destinataire.' }),
    highlights: narrative,
    difficulties: narrative,
    outlook: narrative,
  });
}

export type ReportFormInput = {
  year: string | null;
  audience: string;
  highlights: string;
  difficulties: string;
  outlook: string;
};
