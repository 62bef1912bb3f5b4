import { z } from 'zod';
import { formMessages } from '../../i18n/formMessages';

const MAX_TONNES = 1_000_000;

/** Tonnes of one stream: 0..1 000 000 t with at most three decimals (kilograms). */
const tonnesNumber = (missing: string) =>
  z
    .number({ error: missing })
    .min(0, { error: formMessages.atLeast(0) })
    .max(MAX_TONNES, { error: formMessages.atMost(MAX_TONNES) })
    .refine((v) => Math.round(v * 1000) === v * 1000, { error: 'Au plus trois décimales (le kilogramme).' });

/** Residual waste is required; the other streams may stay empty (not known). */
const tonnes = (required: boolean) =>
  required
    ? tonnesNumber('Indiquez les ordures ménagères résiduelles (t).')
    : z.union([z.literal(''), tonnesNumber('Un nombre de tonnes.')]);

/** The waste form's rules, in French: a calendar year of the pilot's life, residual waste required. */
export function wasteSchema(first: number, last: number) {
  return z.object({
    year: z
      .number({ error: `Une année civile de ${first} à ${last}.` })
      .int({ error: `Une année civile de ${first} à ${last}.` })
      .min(first, { error: `Une année civile de ${first} à ${last}.` })
      .max(last, { error: `Une année civile de ${first} à ${last}.` }),
    population: z.union([
      z.literal(''),
      z
        .number({ error: formMessages.wholeNumber })
        .int({ error: formMessages.wholeNumber })
        .min(1, { error: formMessages.atLeast(1) })
        .max(10_000_000, { error: formMessages.atMost(10_000_000) }),
    ]),
    tonnes: z.object({
      residual: tonnes(true),
      packaging: tonnes(false),
      glass: tonnes(false),
      biowaste: tonnes(false),
      recyclingCentre: tonnes(false),
      reuse: tonnes(false),
    }),
  });
}

export type WasteValues = {
  year: number | string;
  population: number | string;
  tonnes: Record<'residual' | 'packaging' | 'glass' | 'biowaste' | 'recyclingCentre' | 'reuse', number | string>;
};
