import { Alert, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { fetchHealth, type Health } from '../api/health';

type PartState = Health['database'];

function PartBadge({ state, testId }: { state: PartState; testId: string }) {
  const up = state === 'up';
  return (
    // Light variant for text contrast; no uppercase so the visible text is the label itself.
    <Badge color={up ? 'green' : 'red'} variant="light" tt="none" size="lg" data-testid={testId}>
      {up ? 'Opérationnelle' : 'Indisponible'}
    </Badge>
  );
}

function HealthCard() {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: fetchHealth,
    refetchInterval: 30_000,
  });

  return (
    <Card withBorder padding="lg" maw={520} component="section" aria-labelledby="health-title">
      <Title order={3} id="health-title" mb="md">
        État de la plateforme
      </Title>
      {health.isPending ? (
        <Text data-testid="health-status" aria-live="polite">
          Vérification en cours…
        </Text>
      ) : health.isError ? (
        <Alert color="red" title="Plateforme injoignable" data-testid="health-status">
          Impossible de vérifier l'état de la plateforme.
        </Alert>
      ) : (
        <Stack gap="sm">
          <Group justify="space-between">
            <Text>Base de données</Text>
            <PartBadge state={health.data.database} testId="health-database" />
          </Group>
          <Group justify="space-between">
            <Text>File de traitements</Text>
            <PartBadge state={health.data.queue} testId="health-queue" />
          </Group>
          <Text fw={500} data-testid="health-status" aria-live="polite">
            {health.data.status === 'ok'
              ? 'Tous les services sont opérationnels.'
              : 'Un service est indisponible.'}
          </Text>
        </Stack>
      )}
    </Card>
  );
}

export function HomePage() {
  return (
    <Stack gap="lg">
      <Title order={2}>Accueil</Title>
      <HealthCard />
    </Stack>
  );
}
