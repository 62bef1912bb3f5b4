import type { EntityManager } from 'typeorm';
import { isLead, RequestContext } from '../auth/auth.types';

/** What the caller has done on each candidature: declared a conflict (recused), scored it. */
export type ViewerState = { recused: boolean; declared: boolean; scored: boolean };

export async function viewerStates(
  m: EntityManager,
  memberId: string | null,
  candidatureIds: string[],
): Promise<Map<string, ViewerState>> {
  const out = new Map<string, ViewerState>(
    candidatureIds.map((id) => [id, { recused: false, declared: false, scored: false }]),
  );
  if (!memberId || candidatureIds.length === 0) return out;
  const rows: { id: string; recused: boolean | null; scored: boolean }[] = await m.query(
    `SELECT k.id,
            (SELECT d.has_conflict FROM candidature_conflicts d WHERE d.candidature_id = k.id AND d.member_id = $1) AS recused,
            EXISTS (SELECT 1 FROM candidature_evaluations e WHERE e.candidature_id = k.id AND e.member_id = $1) AS scored
       FROM candidatures k WHERE k.id = ANY($2::uuid[])`,
    [memberId, candidatureIds],
  );
  for (const r of rows) out.set(r.id, { recused: r.recused === true, declared: r.recused !== null, scored: r.scored });
  return out;
}

/**
 * Blind scoring: the lead sees every score; a member sees the others' scores and comments on a candidature
 * only once they have scored it themselves, and never when recused from it.
 */
export function scoresVisible(ctx: RequestContext, s: ViewerState | undefined): boolean {
  if (isLead(ctx)) return true;
  return !!s && s.scored && !s.recused;
}
