import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatEuros, formatIndicator, formatNumber, formatPercent } from './format';

// fr-FR groups thousands with U+202F (narrow no-break space) and puts U+00A0 before € and %.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('formatEuros', () => {
  it('formats integer cents as euros', () => {
    expect(formatEuros(123456)).toBe(`1${NNBSP}234,56${NBSP}€`);
    expect(formatEuros(123456789)).toBe(`1${NNBSP}234${NNBSP}567,89${NBSP}€`);
  });

  it('formats zero and negative amounts', () => {
    expect(formatEuros(0)).toBe(`0,00${NBSP}€`);
    expect(formatEuros(-5000)).toBe(`-50,00${NBSP}€`);
  });

  it('keeps single cents exact', () => {
    expect(formatEuros(1)).toBe(`0,01${NBSP}€`);
    expect(formatEuros(800_000_00)).toBe(`800${NNBSP}000,00${NBSP}€`);
  });
});

describe('formatDate', () => {
  it('writes the day and month in French', () => {
    expect(formatDate('2023-06-02')).toBe('2 juin 2023');
    expect(formatDate('2024-12-31')).toBe('31 décembre 2024');
    expect(formatDate('2025-01-01')).toBe('1 janvier 2025');
  });

  it('rejects what is not a date-only string', () => {
    expect(() => formatDate('02/06/2023')).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  it('shows the instant in Europe/Paris, summer time', () => {
    expect(formatDateTime('2023-06-02T08:30:00Z')).toBe('2 juin 2023 à 10:30');
  });

  it('shows the instant in Europe/Paris, winter time, across midnight', () => {
    expect(formatDateTime('2023-01-15T23:30:00Z')).toBe('16 janvier 2023 à 00:30');
  });

  it('rejects an invalid instant', () => {
    expect(() => formatDateTime('pas une date')).toThrow(RangeError);
  });
});

describe('formatPercent', () => {
  it('formats a fraction as a percentage', () => {
    expect(formatPercent(-0.1)).toBe(`-10${NBSP}%`);
    expect(formatPercent(0.125)).toBe(`12,5${NBSP}%`);
    expect(formatPercent(1)).toBe(`100${NBSP}%`);
  });
});

describe('formatNumber', () => {
  it('groups thousands and rounds once to one decimal, as the reports print counts and hours', () => {
    expect(formatNumber(1200)).toBe(`1${NNBSP}200`);
    expect(formatNumber(12.25)).toBe('12,3');
    expect(formatNumber(211.94)).toBe('211,9');
  });
});

describe('formatIndicator', () => {
  it("prints an indicator in its unit exactly as the report's indicator table does", () => {
    expect(formatIndicator('cents', 2_118_000)).toBe(`21${NNBSP}180,00${NBSP}€`);
    expect(formatIndicator('ratio', 0.453458)).toBe(`45,3${NBSP}%`);
    expect(formatIndicator('hours', 397.5)).toBe('397,5 h');
    expect(formatIndicator('kg_per_inhabitant', 211.9)).toBe('211,9 kg/hab.');
    expect(formatIndicator('count', 1200)).toBe(`1${NNBSP}200`);
    expect(formatIndicator('count', null)).toBe('—');
  });
});
