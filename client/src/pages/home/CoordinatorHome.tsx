import { Alert, Anchor, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate, formatEuros, formatNumber } from '../../i18n/format';
import { type CoordinatorPilot, projectYearLabel, todoKindLabels } from './homeApi';

const TODO_COLORS: Record<CoordinatorPilot['todo'][number]['kind'], string> = {
  milestone_late: 'red',
  instalment_due: 'orange',
  report_due: 'blue',
  milestone_due: 'yellow',
  waste_missing: 'gray',
};

function PilotCard({ p }: { p: CoordinatorPilot }) {
  return (
    <Card withBorder component="section" aria-labelledby={`pilot-${p.id}`}>
      <Group justify="space-between" align="start" mb="md">
        <div style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Title order={3} size="h4" id={`pilot-${p.id}`}>
            <Anchor component={Link} to={`/pilotes/${p.id}`}>
              {p.name}
            </Anchor>
          </Title>
          <Text size="sm" c="dimmed">
            {projectYearLabel(p)}
            {p.thisYear.year !== null && p.thisYear.year > 0
              ? ` · du ${formatDate(p.thisYear.from)} au ${formatDate(p.thisYear.to)}`
              : ''}
          </Text>
        </div>
        <Button component={Link} to={`/pilotes/${p.id}/activites/nouvelle`} size="lg" data-testid="log-activity">
          Saisir une activité
        </Button>
      </Group>

      {p.stage === 'bilan' && (
        <Alert color="orange" mb="md" title="Le programme est terminé" data-testid="programme-over">
          Les {p.operatingYears} années du programme sont achevées. La cheffe ou le chef de projet prépare le rapport
          final et décide de la suite ; vous pouvez{' '}
          <Anchor component={Link} to={`/pilotes/${p.id}/rapports?recit=${p.operatingYears}`}>
            rédiger votre part du récit de l’année {p.operatingYears}
          </Anchor>
          .
        </Alert>
      )}
      <Title order={4} size="h5" mb="xs">
        Cette année
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }} mb="md">
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            Activités
          </Text>
          <Text fw={700} size="lg" data-testid="year-activities">
            {formatNumber(p.thisYear.activities)}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            Participants
          </Text>
          <Text fw={700} size="lg" data-testid="year-participants">
            {formatNumber(p.thisYear.participants)}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            Heures de bénévolat
          </Text>
          <Text fw={700} size="lg">
            {formatNumber(p.thisYear.volunteerHours)}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            Disponible (fonds versés − dépenses)
          </Text>
          <Text fw={700} size="lg">
            {formatEuros(p.funding.investment.availableCents + p.funding.operating.availableCents)}
          </Text>
        </Paper>
      </SimpleGrid>

      <Title order={4} size="h5" mb="xs">
        À faire
      </Title>
      {p.todo.length === 0 ? (
        <Text size="sm" c="dimmed">
          Rien d'urgent : tout est à jour.
        </Text>
      ) : (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="todo-list">
          {p.todo.map((item, i) => (
            <li key={`${item.kind}-${i}`}>
              <Group gap="xs" wrap="wrap" align="center">
                <Badge color={TODO_COLORS[item.kind]} variant="light" tt="none" miw={170} style={{ flexShrink: 0 }}>
                  {todoKindLabels[item.kind]}
                </Badge>
                <Anchor component={Link} to={item.link} size="sm" style={{ flex: '1 1 12rem', minWidth: 0 }}>
                  {item.title}
                </Anchor>
                {item.dueDate && (
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(item.dueDate)}
                  </Text>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      )}
      {p.lastActivity && (
        <Text size="xs" c="dimmed" mt="md">
          Dernière activité saisie : {formatDate(p.lastActivity.date)} — {p.lastActivity.title}
        </Text>
      )}
    </Card>
  );
}

export function CoordinatorHome({ pilots }: { pilots: CoordinatorPilot[] }) {
  if (pilots.length === 0) return <Text>Vous n'êtes rattaché·e à aucun projet pilote pour le moment.</Text>;
  return (
    <Stack gap="lg">
      {pilots.map((p) => (
        <PilotCard key={p.id} p={p} />
      ))}
    </Stack>
  );
}
