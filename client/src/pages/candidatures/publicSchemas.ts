// The public candidature forms' rules, in French. Written with zod/mini (not classic zod) so the commune's first
// load stays within its 150 kB budget; the server checks the same rules again and its refusals land on the fields.
import * as z from 'zod/mini';
import { formMessages } from '../../i18n/formMessages';

/** « 1 280 » → 1280; null unless a whole number from 1 to 10 000 000 (spaces as thousands separators allowed). */
export function parseInhabitants(text: string): number | null {
  const digits = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d{1,8}$/.test(digits)) return null;
  const n = Number(digits);
  return n >= 1 && n <= 10_000_000 ? n : null;
}

const text = (max: number) => z.string().check(z.maxLength(max, { error: formMessages.tooLong(max) }));
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const intentionSchema = z.object({
  communes: z
    .array(
      z.object({
        name: z.string().check(
          z.refine((v) => v.trim() !== '', { error: 'Indiquez le nom de la commune.' }),
          z.maxLength(200, { error: formMessages.tooLong(200) }),
        ),
        inseeCode: z.string().check(
          z.refine((v) => v.trim() === '' || /^(\d{5}|2[AB]\d{3})$/.test(v.trim()), {
            error: 'Un code INSEE a 5 caractères, par exemple 33234.',
          }),
        ),
      }),
    )
    .check(z.minLength(1, { error: 'Indiquez au moins une commune.' })),
  inhabitants: z.string().check(
    z.refine((v) => parseInhabitants(v) !== null, {
      error: "Indiquez le nombre d'habitants concernés : un nombre entier, de 1 à 10 000 000.",
    }),
  ),
  specifics: text(5000),
  values: text(5000),
  stakes: text(5000),
  zeroWasteCommune: z.string().check(z.refine((v) => v === 'oui' || v === 'non', { error: 'Indiquez oui ou non.' })),
  contactName: text(200),
  contactEmail: z.string().check(
    z.refine((v) => v.trim() === '' || EMAIL.test(v.trim()), { error: formMessages.email }),
    z.maxLength(254, { error: formMessages.tooLong(254) }),
  ),
});

export type IntentionValues = z.input<typeof intentionSchema>;

export const ENGAGEMENT_TEXTS = [
  'articulation',
  'description',
  'contribution',
  'contributions',
  'existingLinks',
  'involvementPoints',
  'district',
  'place',
  'coordinator',
  'communeCommitment',
  'needs',
  'risks',
  'mitigations',
  'resources',
] as const;
export type EngagementText = (typeof ENGAGEMENT_TEXTS)[number];
// The answers the server bounds at 1 000 characters (the others at 5 000).
const SHORT_TEXTS = new Set<EngagementText>(['district', 'place', 'coordinator']);

export const engagementSchema = z.object({
  hybridPolicies: z.array(z.string()).check(z.minLength(1, { error: 'Choisissez au moins une politique publique.' })),
  citizenInvolvement: z.string().check(z.minLength(1, { error: "Choisissez un niveau d'implication des citoyens." })),
  actors: z.array(
    z.object({
      name: z.string().check(
        z.refine((v) => v.trim() !== '', { error: "Indiquez le nom de l'acteur." }),
        z.maxLength(200, { error: formMessages.tooLong(200) }),
      ),
      type: z.string(),
      canBring: text(2000),
    }),
  ),
  ...(Object.fromEntries(ENGAGEMENT_TEXTS.map((k) => [k, text(SHORT_TEXTS.has(k) ? 1000 : 5000)])) as Record<
    EngagementText,
    ReturnType<typeof text>
  >),
  description: z.string().check(
    z.refine((v) => v.trim() !== '', { error: 'Décrivez une première idée du projet coopératif.' }),
    z.maxLength(5000, { error: formMessages.tooLong(5000) }),
  ),
  // Asked only when no address is on file yet (required then: see EngagementForm's askEmail).
  contactEmail: z.optional(
    z.string().check(
      z.refine((v) => v.trim() === '' || EMAIL.test(v.trim()), {
        error: 'Indiquez une adresse électronique valide, par exemple mairie@commune.fr.',
      }),
      z.maxLength(254, { error: formMessages.tooLong(254) }),
    ),
  ),
});

export type EngagementValues = z.input<typeof engagementSchema>;

/** « Lien perdu ? »: the address given with the candidature, and the dossier number when known. */
export const lostLinkSchema = z.object({
  email: z.string().check(
    z.refine((v) => v.trim() !== '', { error: 'Indiquez l’adresse électronique donnée avec la candidature.' }),
    z.refine((v) => v.trim() === '' || EMAIL.test(v.trim()), { error: formMessages.email }),
    z.maxLength(254, { error: formMessages.tooLong(254) }),
  ),
  dossierNumber: z.string().check(
    z.refine((v) => v.trim() === '' || /^K-\d{4}-\d{4}$/i.test(v.trim()), {
      error: 'Un numéro de dossier s’écrit comme K-2026-0007.',
    }),
  ),
});

export type LostLinkValues = z.input<typeof lostLinkSchema>;
