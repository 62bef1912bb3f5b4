import { Alert, Button, Card, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../pilots/pilotsApi';

/**
 * The person's private calendar feed (ICS) to subscribe to in their own calendar: their deadlines, webinars,
 * instalments, milestones and report due dates. The address is shown once; a new one revokes the previous one.
 */
export function CalendarCard() {
  const [address, setAddress] = useState<string | null>(null);
  const [revoked, setRevoked] = useState(false);
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/calendar/feed')),
    onSuccess: (feed) => {
      setAddress(feed.url ?? new URL(feed.path, window.location.origin).toString());
      setRevoked(false);
    },
  });
  const revoke = useMutation({
    mutationFn: async () => {
      const { error, response } = await api.DELETE('/api/calendar/feed');
      if (!response.ok) throw new Error(String(error ?? response.status));
    },
    onSuccess: () => {
      setAddress(null);
      setRevoked(true);
    },
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="home-calendar-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="home-calendar-title">
          Mon agenda
        </Title>
        <Text size="sm">
          Abonnez votre agenda (Outlook, Google, Thunderbird…) à vos échéances : dates limites, webinaires, versements,
          jalons et rapports.
        </Text>
        {address && (
          <>
            <TextInput label="Adresse privée de votre agenda" value={address} readOnly />
            <Text size="xs" c="dimmed">
              Gardez-la pour vous : elle donne accès à vos échéances sans mot de passe.
            </Text>
          </>
        )}
        {revoked && <Text size="sm">L’ancienne adresse ne fonctionne plus.</Text>}
        {(create.isError || revoke.isError) && <Alert color="red">L’opération n’a pas abouti. Réessayez.</Alert>}
        <Group gap="xs">
          <Button size="xs" variant="light" loading={create.isPending} onClick={() => create.mutate()}>
            {address ? 'Générer une nouvelle adresse' : 'Obtenir mon adresse d’agenda'}
          </Button>
          {address && (
            <CopyButton value={address}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" onClick={copy}>
                  {copied ? 'Adresse copiée' : 'Copier'}
                </Button>
              )}
            </CopyButton>
          )}
          <Button size="xs" variant="subtle" color="red" loading={revoke.isPending} onClick={() => revoke.mutate()}>
            Révoquer mon adresse
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
