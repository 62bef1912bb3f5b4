import { describe, expect, it } from 'vitest';
import { blursTowardsSubmit, movesToSubmit } from './submitPress';

// Stand-ins for DOM elements (the unit tests run without a DOM): a field knows its form, a pressed element finds the
// button or input it sits in.
const form = {};
const otherForm = {};
const field = { form };
const inside = (control: { type: string; form: object } | null) => ({ closest: () => control });

describe('movesToSubmit', () => {
  it('is true when focus goes to a submit button of the same form, or to something inside it', () => {
    expect(movesToSubmit(field, inside({ type: 'submit', form }))).toBe(true);
  });

  it('is false for another form’s submit button, a plain button, another field or no element', () => {
    expect(movesToSubmit(field, inside({ type: 'submit', form: otherForm }))).toBe(false);
    expect(movesToSubmit(field, inside({ type: 'button', form }))).toBe(false);
    expect(movesToSubmit(field, inside({ type: 'text', form }))).toBe(false);
    expect(movesToSubmit(field, inside(null))).toBe(false);
    expect(movesToSubmit(field, null)).toBe(false);
    expect(movesToSubmit(field, undefined)).toBe(false);
  });

  it('is false for a field outside any form', () => {
    expect(movesToSubmit({ form: null }, inside({ type: 'submit', form }))).toBe(false);
    expect(movesToSubmit(undefined, inside({ type: 'submit', form }))).toBe(false);
  });
});

describe('blursTowardsSubmit', () => {
  it('reads the blur event: the field it leaves and where the focus goes', () => {
    expect(blursTowardsSubmit({ currentTarget: field, relatedTarget: inside({ type: 'submit', form }) })).toBe(true);
    expect(blursTowardsSubmit({ currentTarget: field, relatedTarget: inside({ type: 'button', form }) })).toBe(false);
  });

  it('without an event or a destination (nothing pressed), the field is checked as usual', () => {
    expect(blursTowardsSubmit(undefined)).toBe(false);
    expect(blursTowardsSubmit({ currentTarget: field, relatedTarget: null })).toBe(false);
  });
});
