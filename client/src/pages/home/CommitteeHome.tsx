import { Anchor, Badge, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../../i18n/format';
import { type CommitteeCall, countdown, phaseLabels } from './homeApi';

/** The calls whose candidatures await the member's scores, with « n/N évaluées ». */
export function CommitteeHome({ calls }: { calls: CommitteeCall[] }) {
  return (
    <Card withBorder component="section" aria-labelledby="committee-title">
      <Title order={3} size="h4" id="committee-title" mb="sm">
        Candidatures à évaluer
      </Title>
      {calls.length === 0 ? (
        <Text c="dimmed">Aucune candidature n'attend votre évaluation.</Text>
      ) : (
        <Stack gap="md" data-testid="calls-to-score">
          {calls.map((c) => (
            <div key={c.id}>
              <Group justify="space-between">
                <Anchor component={Link} to={`/appels/${c.id}`} fw={600}>
                  {c.title}
                </Anchor>
                <Badge
                  variant="light"
                  tt="none"
                  color={c.scoredByMe >= c.undecided ? 'green' : 'orange'}
                  data-testid="scored-count"
                >
                  {c.scoredByMe}/{c.undecided} évaluées
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {phaseLabels[c.phase]}
                {c.deadline ? ` · jusqu'au ${formatDate(c.deadline)} (${countdown(c.daysLeft)})` : ''}
              </Text>
              <Progress
                value={c.undecided === 0 ? 100 : (100 * c.scoredByMe) / c.undecided}
                mt={4}
                aria-label={`${c.scoredByMe} sur ${c.undecided} candidatures évaluées`}
              />
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}
