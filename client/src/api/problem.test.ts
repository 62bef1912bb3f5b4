import { describe, expect, it } from 'vitest';
import { problemFieldErrors, problemMessage } from './problem';
import './signedInMessages';

const base = { type: 'about:blank', title: 'Conflict', status: 409, detail: 'Over entitlement' };

describe('problemMessage', () => {
  it('uses the French text of a known code', () => {
    expect(problemMessage({ ...base, code: 'over_entitlement' })).toBe(
      'Le montant dépasse ce qui reste de la dotation pour ce fonds et cette année.',
    );
  });

  it('keeps a more precise French detail the server sent for a known code', () => {
    const detail = "La date limite de dépôt des lettres d'intention était le 2 juin 2023 à minuit (heure de Paris).";
    expect(problemMessage({ ...base, code: 'deadline_passed', detail })).toBe(detail);
  });

  it('falls back to the detail for an unknown code', () => {
    expect(problemMessage({ ...base, code: 'something_new' })).toBe('Over entitlement');
  });

  it('falls back to the status when there is no detail', () => {
    expect(problemMessage({ ...base, code: 'something_new', detail: '' })).toBe(
      "Cette opération est en conflit avec l'état actuel des données.",
    );
  });

  it('answers a generic message for a body that is not a problem', () => {
    expect(problemMessage('Bad Gateway')).toBe('Une erreur est survenue.');
  });
});

describe('problemFieldErrors', () => {
  it('keys the first message per field, French from the catalogue when the server’s is not', () => {
    const body = {
      ...base,
      status: 400,
      code: 'validation_failed',
      errors: [
        { field: 'title', code: 'required', message: 'title should not be empty' },
        { field: 'title', code: 'other', message: 'second' },
        { field: 'year', code: 'min', message: 'year must be at least 2020' },
      ],
    };
    expect(problemFieldErrors(body)).toEqual({
      title: 'Ce champ est obligatoire.',
      year: 'Cette valeur est trop petite.',
    });
  });

  it('keeps the server’s French message, which carries the constraint’s arguments', () => {
    const body = {
      ...base,
      status: 400,
      code: 'validation_failed',
      errors: [{ field: 'title', code: 'maxLength', message: 'Saisissez au plus 300 caractères.' }],
    };
    expect(problemFieldErrors(body)).toEqual({ title: 'Saisissez au plus 300 caractères.' });
  });
});
