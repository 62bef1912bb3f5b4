import type { ReactNode } from 'react';
import type { Role } from '../../i18n/labels';
import { lazyPage } from '../../lazyPage';

// Each tab is its own chunk (Chart.js and the network graph come only with the tabs that draw them).
const OverviewTab = lazyPage(() => import('./OverviewTab'), 'OverviewTab');
const ActivitiesTab = lazyPage(() => import('./ActivitiesTab'), 'ActivitiesTab');
const ActorsTab = lazyPage(() => import('./ActorsTab'), 'ActorsTab');
const TerritoryTab = lazyPage(() => import('./TerritoryTab'), 'TerritoryTab');
const FundingPage = lazyPage(() => import('../funding/FundingPage'), 'FundingPage');
const AutonomyPage = lazyPage(() => import('../autonomy/AutonomyPage'), 'AutonomyPage');
const PilotReportsPage = lazyPage(() => import('../reports/PilotReportsPage'), 'PilotReportsPage');

export type PilotTab = {
  /** Sub-path under /pilotes/:id ('' is the pilot's home); the element reads the pilot id with useParams(). */
  path: string;
  label: string;
  element: ReactNode;
  /** Roles that see the tab; all who reach the pilot when omitted. */
  roles?: Role[];
};

/**
 * The pilot page's tabs, in order. A feature adds its tab with one line, e.g.
 * `{ path: 'financement', label: 'Financement', element: <FundingPage /> },`
 * and routes.tsx builds the nested routes from this list.
 */
export const pilotTabs: PilotTab[] = [
  { path: '', label: 'Vue d’ensemble', element: <OverviewTab /> },
  { path: 'activites', label: 'Activités', element: <ActivitiesTab /> },
  { path: 'acteurs', label: 'Acteurs', element: <ActorsTab /> },
  { path: 'territoire', label: 'Territoire', element: <TerritoryTab /> },
  { path: 'financement', label: 'Financement', element: <FundingPage />, roles: ['lead', 'coordinator', 'reviewer'] },
  { path: 'autonomie', label: 'Autonomie', element: <AutonomyPage />, roles: ['lead', 'coordinator', 'reviewer'] },
  {
    path: 'rapports',
    label: 'Rapports',
    element: <PilotReportsPage embedded />,
    roles: ['lead', 'coordinator', 'reviewer'],
  },
];
