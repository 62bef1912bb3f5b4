import { z } from 'zod';
import { formMessages } from '../../i18n/formMessages';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** '' (left empty) or a number within bounds; `whole` for counts. */
const optionalNumber = (max: number, whole: boolean) =>
  z.union([
    z.literal(''),
    (whole ? z.number().int({ error: formMessages.wholeNumber }) : z.number({ error: formMessages.atLeast(0) }))
      .min(0, { error: formMessages.atLeast(0) })
      .max(max, { error: formMessages.atMost(max) }),
  ]);

/** The activity form's rules, in French; the server checks them again (the date's bounds among them). */
export const activitySchema = z.object({
  date: z.string().regex(DATE, { error: formMessages.date }),
  title: z
    .string()
    .trim()
    .min(1, { error: 'Donnez un titre à l’activité.' })
    .max(200, { error: formMessages.tooLong(200) }),
  type: z.string().min(1, { error: 'Choisissez le type d’activité.' }),
  participants: z
    .number({ error: 'Indiquez le nombre de participants (0 si aucun).' })
    .int({ error: formMessages.wholeNumber })
    .min(0, { error: formMessages.atLeast(0) })
    .max(100_000, { error: formMessages.atMost(100_000) }),
  policies: z.array(z.string()),
  volunteers: optionalNumber(10_000, true),
  volunteerHours: optionalNumber(100_000, false),
  actorIds: z.array(z.string()),
  participationLevel: z.string(),
  kg: z.object({
    reuse: optionalNumber(1_000_000, false),
    repair: optionalNumber(1_000_000, false),
    compost: optionalNumber(1_000_000, false),
    recycling: optionalNumber(1_000_000, false),
    other: optionalNumber(1_000_000, false),
  }),
  notes: z.string().max(5000, { error: formMessages.tooLong(5000) }),
});
