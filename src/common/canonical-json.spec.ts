import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonical JSON (RFC 8785)', () => {
  it('gives the same bytes whatever the key order, leaving undefined fields out', () => {
    const a = canonicalJson({ b: 1, a: { d: [1, 'é'], c: null, x: undefined } });
    const b = canonicalJson({ a: { c: null, d: [1, 'é'] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":null,"d":[1,"é"]},"b":1}');
  });

  it('sorts keys by code unit (upper case first) and prints numbers as ECMAScript does', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 1e21, c: 0.1 })).toBe('{"B":2,"a":1e+21,"b":1,"c":0.1}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
