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
