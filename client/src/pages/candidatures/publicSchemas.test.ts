import { describe, expect, it } from 'vitest';
import { engagementSchema, intentionSchema } from './publicSchemas';

const intention = {
  communes: [{ name: 'Saint-Genès-de-Lombaud', inseeCode: '33402' }],
  inhabitants: '1 280',
  specifics: '',
  values: '',
  stakes: '',
  zeroWasteCommune: 'oui',
  contactName: '',
  contactEmail: '',
};

/** The first message per field path, as the form shows them. */
function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('public candidature schemas (zod/mini)', () => {
  it('accepts a complete letter of intention', () => {
    expect(intentionSchema.safeParse(intention).success).toBe(true);
  });

  it('says in French beside each field what is missing or wrong', () => {
    const result = intentionSchema.safeParse({
      ...intention,
      communes: [{ name: ' ', inseeCode: '3340' }],
      inhabitants: '0',
      zeroWasteCommune: '',
      contactEmail: 'mairie',
    });
    expect(messages(result)).toEqual({
      'communes.0.name': 'Indiquez le nom de la commune.',
      'communes.0.inseeCode': 'Un code INSEE a 5 caractères, par exemple 33234.',
      inhabitants: "Indiquez le nombre d'habitants concernés : un nombre entier, de 1 à 10 000 000.",
      zeroWasteCommune: 'Indiquez oui ou non.',
      contactEmail: 'Une adresse e-mail valide, par exemple prenom.nom@commune.fr.',
    });
  });

  it('bounds the engagement letter as the server does, in French', () => {
    const texts = Object.fromEntries(
      [
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
      ].map((k) => [k, '']),
    );
    const result = engagementSchema.safeParse({
      ...texts,
      hybridPolicies: [],
      citizenInvolvement: '',
      actors: [{ name: '', type: 'associative', canBring: '' }],
      place: 'x'.repeat(1001),
    });
    expect(messages(result)).toEqual({
      hybridPolicies: 'Choisissez au moins une politique publique.',
      citizenInvolvement: "Choisissez un niveau d'implication des citoyens.",
      'actors.0.name': "Indiquez le nom de l'acteur.",
      description: 'Décrivez une première idée du projet coopératif.',
      place: 'Au plus 1\u202f000 caractères.',
    });
  });
});
