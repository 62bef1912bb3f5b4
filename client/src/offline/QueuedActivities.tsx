import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { useAuth } from '../auth/AuthProvider';
import { formatDate } from '../i18n/format';
import { activityTypeLabels, type ActivityType } from '../i18n/labels';
import { useOnline } from './online';
import { sendQueue } from './OfflineSync';
import { queuedActivities, removeQueued, type QueuedActivity } from './queue';

/** The user's activities of this pilot that wait on the device (IndexedDB: works without a network). */
export function useQueuedActivities(pilotId: string) {
  const { user } = useAuth();
  const userId = user?.id ?? '';
  return useQuery({
    queryKey: [...queryKeys.offlineQueue, userId, pilotId],
    queryFn: () => queuedActivities(userId, pilotId),
    enabled: !!userId,
    networkMode: 'always',
    staleTime: Infinity,
  });
}

function QueuedItem({ item }: { item: QueuedActivity }) {
  const conflict = item.status === 'conflict';
  const details = [
    formatDate(item.body.date),
    activityTypeLabels[item.body.type as ActivityType] ?? item.body.type,
    `${item.body.participants} participant${item.body.participants > 1 ? 's' : ''}`,
    item.photo ? (item.activityId ? 'photo en attente d’envoi' : 'avec photo') : null,
  ].filter(Boolean);
  return (
    <List.Item data-testid="queued-activity">
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{item.body.title}</Text>
          <Badge color={conflict ? 'red' : 'orange'} variant="light" tt="none">
            {conflict ? 'refusée par le serveur' : 'en attente d’envoi'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {details.join(' · ')}
        </Text>
        {conflict && item.problem && (
          <Alert color="red" p="xs" data-testid="queued-problem">
            {item.problem}
          </Alert>
        )}
        <Group gap="xs">
          {!item.activityId && (
            <Button
              size="xs"
              variant="default"
              component={Link}
              to={`/pilotes/${item.pilotId}/activites/nouvelle?attente=${item.id}`}
              aria-label={`Modifier « ${item.body.title} »`}
            >
              Modifier
            </Button>
          )}
          <Button
            size="xs"
            variant="subtle"
            color="red"
            aria-label={`Abandonner « ${item.body.title} »`}
            onClick={() => {
              if (window.confirm('Abandonner cette activité ? Elle ne sera pas envoyée.')) void removeQueued(item.id);
            }}
          >
            Abandonner
          </Button>
        </Group>
      </Stack>
    </List.Item>
  );
}

/** The activities recorded on this device that wait to be sent, or that the server refused. */
export function QueuedActivities({ pilotId }: { pilotId: string }) {
  const { user } = useAuth();
  const online = useOnline();
  const queryClient = useQueryClient();
  const queue = useQueuedActivities(pilotId);
  const [sending, setSending] = useState(false);
  const items = queue.data ?? [];
  if (!user || items.length === 0) return null;
  const waiting = items.filter((a) => a.status === 'pending').length;

  return (
    <Paper component="section" withBorder p="sm" data-testid="offline-queue" aria-labelledby="offline-queue-title">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5" id="offline-queue-title">
            Sur cet appareil : {items.length} activité{items.length > 1 ? 's' : ''} non envoyée
            {items.length > 1 ? 's' : ''}
          </Title>
          {waiting > 0 && (
            <Button
              size="xs"
              loading={sending}
              onClick={() => {
                setSending(true);
                void sendQueue(user.id, queryClient, true).finally(() => setSending(false));
              }}
            >
              Envoyer maintenant
            </Button>
          )}
        </Group>
        {waiting > 0 && !online && (
          <Text size="sm">Pas de réseau : elles partiront automatiquement au retour de la connexion.</Text>
        )}
        <List listStyleType="none" spacing="sm" aria-label="Activités non envoyées">
          {items.map((item) => (
            <QueuedItem key={item.id} item={item} />
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
