import { api } from '../../api/client';
import { unwrap } from './pilotsApi';

/**
 * How the pilot pages propose the final report once the programme is over. While the server has no « final »
 * kind of report, the action leads to the pilot's reports page; `FINAL_REPORT_KIND` switches it to one click.
 */
export const FINAL_REPORT_KIND = false;

export type FinalReportAction = { kind: 'link'; to: string } | { kind: 'create'; create: () => Promise<unknown> };

export function finalReportAction(pilotId: string): FinalReportAction {
  if (!FINAL_REPORT_KIND) return { kind: 'link', to: `/pilotes/${pilotId}/rapports` };
  return {
    kind: 'create',
    create: async () =>
      unwrap(
        await api.POST('/api/pilots/{id}/reports', {
          params: { path: { id: pilotId } },
          // The « final » kind and its body are the server's reports feature's.
          body: { kind: 'final', audience: 'ademe' } as never,
        }),
      ),
  };
}
