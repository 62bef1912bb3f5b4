export type NavItem = {
  path: string;
  label: string;
};

// Keep in step with the routes in src/routes.tsx.
export const navItems: NavItem[] = [
  { path: '/', label: 'Accueil' },
  { path: '/appels', label: 'Appels' },
  { path: '/pilotes', label: 'Projets pilotes' },
  { path: '/rapports', label: 'Rapports' },
  { path: '/administration', label: 'Administration' },
];
