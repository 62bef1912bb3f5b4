import { Alert, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { fetchHealth, type Health } from '../../api/health';
import { queryKeys } from '../../api/queryKeys';

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

/** The platform's health, small: every home shows it (the shell's browser test reads its test ids). */
export function HealthCard() {
  const health = useQuery({ queryKey: queryKeys.health, queryFn: fetchHealth, refetchInterval: 30_000 });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="health-title">
      <Title order={3} size="h5" id="health-title" mb="xs">
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
        <Stack gap={6}>
          <Group justify="space-between">
            <Text size="sm">Base de données</Text>
            <PartBadge state={health.data.database} testId="health-database" />
          </Group>
          <Group justify="space-between">
            <Text size="sm">File de traitements</Text>
            <PartBadge state={health.data.queue} testId="health-queue" />
          </Group>
          <Text size="sm" fw={500} data-testid="health-status" aria-live="polite">
            {health.data.status === 'ok' ? 'Tous les services sont opérationnels.' : 'Un service est indisponible.'}
          </Text>
        </Stack>
      )}
    </Card>
  );
}
