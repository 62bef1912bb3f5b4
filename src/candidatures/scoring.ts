import { CRITERIA, Criterion, Eligibility, Scores, ScoreStats } from './candidatures.types';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Eligibility is the inhabitants figure within the call's bounds, both inclusive. */
export function eligibility(
  inhabitants: number,
  bounds: { minInhabitants: number; maxInhabitants: number },
): Eligibility {
  return {
    inBounds: inhabitants >= bounds.minInhabitants && inhabitants <= bounds.maxInhabitants,
    minInhabitants: bounds.minInhabitants,
    maxInhabitants: bounds.maxInhabitants,
    inhabitants,
  };
}

/** A member's overall mark: the mean of the seven criteria (0–5). */
export function memberMean(scores: Scores): number {
  return CRITERIA.reduce((sum, c) => sum + scores[c], 0) / CRITERIA.length;
}

/**
 * Average of the members' means, and the spread (highest − lowest) that shows whether the committee agrees —
 * only from two scores on, since one score has nothing to disagree with.
 */
export function scoreStats(evaluations: Scores[], committeeSize: number): ScoreStats {
  if (evaluations.length === 0) return { averageScore: null, spread: null, evaluationCount: 0, committeeSize };
  const means = evaluations.map(memberMean);
  return {
    averageScore: round2(means.reduce((a, b) => a + b, 0) / means.length),
    spread: means.length < 2 ? null : round2(Math.max(...means) - Math.min(...means)),
    evaluationCount: evaluations.length,
    committeeSize,
  };
}

/** Mean per criterion over the members who scored (null when nobody did). */
export function criterionMeans(evaluations: Scores[]): Record<Criterion, number | null> {
  return Object.fromEntries(
    CRITERIA.map((c) => [
      c,
      evaluations.length === 0 ? null : round2(evaluations.reduce((s, e) => s + e[c], 0) / evaluations.length),
    ]),
  ) as Record<Criterion, number | null>;
}

/**
 * Ranking order: eligible candidatures before those outside the call's bounds; within each, best average
 * first and unscored (or not yet visible) last; ties keep the order of submission.
 */
export function rankOrder<T extends { averageScore: number | null; eligibility?: { inBounds: boolean } }>(
  items: T[],
): T[] {
  const outside = (t: T) => (t.eligibility && !t.eligibility.inBounds ? 1 : 0);
  return items
    .map((item, i) => ({ item, i }))
    .sort(
      (a, b) =>
        outside(a.item) - outside(b.item) || (b.item.averageScore ?? -1) - (a.item.averageScore ?? -1) || a.i - b.i,
    )
    .map((x) => x.item);
}
