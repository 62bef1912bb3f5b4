import { describe, expect, it } from 'vitest';
import { slugify } from './publication.service';

describe('slugify', () => {
  it('makes a stable address from French commune names', () => {
    expect(slugify('Saint-Genès-de-Lombaud')).toBe('saint-genes-de-lombaud');
    expect(slugify('  L’Île-d’Œuvre  Tizac-de-Curton ')).toBe('l-ile-d-oeuvre-tizac-de-curton');
    expect(slugify('x'.repeat(120))).toHaveLength(80);
    expect(slugify('—')).toBe('');
  });
});
