import { Alert, Grid, Loader, Stack, Text, Title } from '@mantine/core';
import { useAuth } from '../auth/AuthProvider';
import { roleLabels } from '../i18n/labels';
import { CommitteeHome } from './home/CommitteeHome';
import { CoordinatorHome } from './home/CoordinatorHome';
import { HealthCard } from './home/HealthCard';
import { useState } from 'react';
import { type LeadQuery, useHome } from './home/homeApi';
import { LeadHome } from './home/LeadHome';
import { CalendarCard } from './home/CalendarCard';
import { NotificationsCard } from './home/NotificationsCard';
import { ReviewerHome } from './home/ReviewerHome';

/** The signed-in person's home: what their role needs to see and do, their notifications, the platform's health. */
export function HomePage() {
  const { user } = useAuth();
  const [leadQuery, setLeadQuery] = useState<LeadQuery>({});
  const home = useHome(leadQuery);
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Accueil</Title>
        {user && (
          <Text c="dimmed" data-testid="home-greeting">
            Bonjour {user.name} — {roleLabels[user.role]}
          </Text>
        )}
      </div>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 9 }} data-testid={home.data ? `home-${home.data.role}` : undefined}>
          {home.isPending ? (
            <Loader aria-label="Chargement de l'accueil" />
          ) : home.isError ? (
            <Alert color="red" title="Accueil indisponible">
              {home.error.message}
            </Alert>
          ) : home.data.lead ? (
            <LeadHome view={home.data.lead} query={leadQuery} onQuery={setLeadQuery} />
          ) : home.data.coordinator ? (
            <CoordinatorHome pilots={home.data.coordinator.pilots} />
          ) : home.data.committee ? (
            <CommitteeHome calls={home.data.committee.calls} />
          ) : home.data.reviewer ? (
            <ReviewerHome pilots={home.data.reviewer.pilots} />
          ) : null}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }}>
          <Stack gap="lg">
            {home.data && <NotificationsCard notifications={home.data.notifications} />}
            {home.data && <CalendarCard />}
            <HealthCard />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
