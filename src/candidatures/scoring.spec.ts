import { describe, expect, it } from 'vitest';
import { criterionMeans, eligibility, memberMean, rankOrder, scoreStats } from './scoring';

const s = (v: number, overrides: Partial<Record<string, number>> = {}) => ({
  size: v,
  grouping: v,
  cooperation: v,
  actors: v,
  values: v,
  capacity: v,
  leadership: v,
  ...overrides,
});

describe('candidature scoring', () => {
  it('checks the bounds inclusively', () => {
    const b = { minInhabitants: 800, maxInhabitants: 1500 };
    expect(eligibility(800, b).inBounds).toBe(true);
    expect(eligibility(1500, b).inBounds).toBe(true);
    expect(eligibility(799, b).inBounds).toBe(false);
    expect(eligibility(1501, b).inBounds).toBe(false);
  });

  it('averages members and measures their disagreement', () => {
    expect(memberMean(s(4, { size: 5 }))).toBeCloseTo(29 / 7);
    const stats = scoreStats([s(4), s(2)], 5);
    expect(stats).toEqual({ averageScore: 3, spread: 2, evaluationCount: 2, committeeSize: 5 });
    expect(scoreStats([], 3)).toEqual({ averageScore: null, spread: null, evaluationCount: 0, committeeSize: 3 });
    expect(scoreStats([s(3, { size: 4 })], 2).averageScore).toBe(3.14);
  });

  it('shows no spread with a single score', () => {
    expect(scoreStats([s(3)], 4)).toEqual({ averageScore: 3, spread: null, evaluationCount: 1, committeeSize: 4 });
    expect(scoreStats([s(3), s(3)], 4).spread).toBe(0);
  });

  it('gives per-criterion means', () => {
    expect(criterionMeans([s(4), s(1, { size: 5 })])).toMatchObject({ size: 4.5, grouping: 2.5 });
    expect(criterionMeans([]).size).toBeNull();
  });

  it('ranks best first, unscored last, ties in submission order', () => {
    const r = rankOrder([
      { id: 'a', averageScore: null },
      { id: 'b', averageScore: 3 },
      { id: 'c', averageScore: 4 },
      { id: 'd', averageScore: 3 },
    ]);
    expect(r.map((x) => x.id)).toEqual(['c', 'b', 'd', 'a']);
  });
});

describe('ranking eligibility', () => {
  it('puts candidatures outside the bounds after the eligible ones, whatever their score', () => {
    const inB = { inBounds: true };
    const out = { inBounds: false };
    const r = rankOrder([
      { id: 'out-high', averageScore: 5, eligibility: out },
      { id: 'in-low', averageScore: 2, eligibility: inB },
      { id: 'in-none', averageScore: null, eligibility: inB },
      { id: 'in-high', averageScore: 4, eligibility: inB },
      { id: 'out-low', averageScore: 1, eligibility: out },
    ]);
    expect(r.map((x) => x.id)).toEqual(['in-high', 'in-low', 'in-none', 'out-high', 'out-low']);
  });
});
