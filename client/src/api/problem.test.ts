import { describe, expect, it } from 'vitest';
import { problemFieldErrors, problemMessage } from './problem';

const base = { type: 'about:blank', title: 'Conflict', status: 409, detail: 'Over entitlement' };

describe('problemMessage', () => {
  it('uses the French text of a known code', () => {
    expect(problemMessage({ ...base, code: 'over_entitlement' })).toBe(
      'Le montant dépasse ce qui reste de la dotation pour ce fonds et cette année.',
    );
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
  it('keys the first message per field', () => {
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
      year: 'year must be at least 2020',
    });
  });
});
