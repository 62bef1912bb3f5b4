import { Alert, Anchor, Group, Loader, ScrollArea, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { formatDate } from '../../i18n/format';
import { ProgrammeEnd } from './ProgrammeEnd';
import { StatusBadge } from './StatusBadge';
import { pilotTabs } from './pilotTabs';
import { Suspense } from 'react';
import { lazyPage, PageSuspense } from '../../lazyPage';
import { pilotProblemMessage, fetchPilot, formatCount, pilotKeys, type Pilot } from './pilotsApi';

export function projectYearText(
  p: Pick<Pilot, 'currentProjectYear' | 'startDate' | 'operatingYears' | 'programmeEnd'>,
): string {
  if (p.currentProjectYear === null) return 'Date de démarrage de la convention à fixer';
  if (p.currentProjectYear === 0) return `En préparation : démarrage le ${formatDate(p.startDate!)}`;
  if (p.currentProjectYear > p.operatingYears)
    return `Programme de ${p.operatingYears} ans terminé le ${formatDate(p.programmeEnd!)}`;
  return `Année ${p.currentProjectYear} sur ${p.operatingYears}`;
}

// Its own chunk: only the lead uses the switch, and the pilot's tabs need not wait for it.
const PublicPageSwitch = lazyPage(() => import('./PublicPageSwitch'), 'PublicPageSwitch');

// Mantine tabs need a non-empty value: the index tab ('' path) goes by this one.
const INDEX = '.';

/** /pilotes/:id — the pilot's header and its tabs (see pilotTabs.tsx); each tab is a nested route. */
export function PilotLayout() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const pilot = useQuery({ queryKey: pilotKeys.pilot(id), queryFn: () => fetchPilot(id) });

  if (pilot.isPending) return <Loader aria-label="Chargement du projet pilote" />;
  if (pilot.isError) {
    return (
      <Stack gap="sm">
        <Title order={2}>Projet pilote</Title>
        <Alert color="red">{pilotProblemMessage(pilot.error, 'Impossible de charger ce projet pilote.')}</Alert>
        <Anchor component={Link} to="/pilotes">
          Retour aux projets pilotes
        </Anchor>
      </Stack>
    );
  }
  const p = pilot.data;
  const tabs = pilotTabs.filter((t) => !t.roles || (user && t.roles.includes(user.role)));
  const base = `/pilotes/${id}`;
  const rest = pathname.slice(base.length).replace(/^\//, '');
  // The longest tab path that starts the current sub-path (activites/123 → activites).
  const active =
    tabs
      .map((t) => t.path)
      .filter((path) => path === '' || rest === path || rest.startsWith(`${path}/`))
      .sort((a, b) => b.length - a.length)[0] ?? '';

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Anchor component={Link} to="/pilotes" size="sm">
          ← Projets pilotes
        </Anchor>
        <Group gap="sm" align="center">
          <Title order={2}>{p.name}</Title>
          <StatusBadge status={p.stage} />
        </Group>
        <Text size="sm" c="dimmed">
          {p.communes.map((c) => c.name).join(', ')} · {formatCount(p.inhabitantsInForce)} habitants ·{' '}
          {projectYearText(p)}
        </Text>
      </Stack>
      <ProgrammeEnd pilot={p} />
      <Suspense fallback={null}>
        <PublicPageSwitch pilot={p} />
      </Suspense>
      <ScrollArea type="never">
        <Tabs value={active || INDEX} onChange={(v) => void navigate(v && v !== INDEX ? `${base}/${v}` : base)}>
          <Tabs.List style={{ flexWrap: 'nowrap' }}>
            {tabs.map((t) => (
              <Tabs.Tab key={t.path} value={t.path || INDEX}>
                {t.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      </ScrollArea>
      <PageSuspense>
        <Outlet context={p} />
      </PageSuspense>
    </Stack>
  );
}
