import type { Role } from '../i18n/labels';

export type NavItem = {
  path: string;
  label: string;
};

export type NavPilot = { id: string; name: string };

// Keep in step with the routes in src/routes.tsx.
const HOME: NavItem = { path: '/', label: 'Accueil' };
const CALLS: NavItem = { path: '/appels', label: 'Appels' };
const PILOTS: NavItem = { path: '/pilotes', label: 'Projets pilotes' };
const REPORTS: NavItem = { path: '/rapports', label: 'Rapports' };
const ADMIN: NavItem = { path: '/administration', label: 'Administration' };

/**
 * What each role sees: the lead everything; the committee the calls it scores; coordinators and reviewers
 * one entry per pilot they belong to (names from GET /api/pilots when it answers) and the reports.
 */
export function navItemsFor(
  user: { role: Role; pilotIds: string[] } | null | undefined,
  pilots: NavPilot[] | undefined,
): NavItem[] {
  if (!user) return [];
  switch (user.role) {
    case 'lead':
      return [HOME, CALLS, PILOTS, REPORTS, ADMIN];
    case 'committee':
      return [HOME, CALLS];
    case 'coordinator':
    case 'reviewer': {
      const names = new Map((pilots ?? []).map((p) => [p.id, p.name]));
      const several = user.pilotIds.length > 1;
      const own = user.pilotIds.map((id, i) => ({
        path: `/pilotes/${id}`,
        label: names.get(id) ?? (several ? `Projet pilote ${i + 1}` : 'Projet pilote'),
      }));
      return [HOME, ...own, REPORTS];
    }
    default:
      return [HOME];
  }
}
