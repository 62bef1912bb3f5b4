import { Alert, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../pilots/pilotsApi';

const KEY = ['notifications', 'settings'] as const;

/** The signed-in person's choice to receive their notifications by e-mail too (they always show here). */
export function EmailSwitch() {
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: KEY,
    queryFn: async () => unwrap(await api.GET('/api/notifications/settings')),
  });
  const update = useMutation({
    mutationFn: async (emailEnabled: boolean) =>
      unwrap(await api.PATCH('/api/notifications/settings', { body: { emailEnabled } })),
    onSuccess: (data) => queryClient.setQueryData(KEY, data),
  });
  if (!settings.data) return null;
  return (
    <>
      <Switch
        mt="sm"
        label="Recevoir aussi mes notifications par e-mail"
        checked={settings.data.emailEnabled}
        disabled={update.isPending}
        onChange={(e) => update.mutate(e.currentTarget.checked)}
        data-testid="email-notifications"
      />
      {!settings.data.smtpConfigured && (
        <Text size="xs" c="dimmed">
          L’envoi d’e-mails n’est pas configuré sur cette plateforme : les notifications restent visibles ici.
        </Text>
      )}
      {update.isError && (
        <Alert color="red" mt="xs">
          {update.error instanceof ApiError ? update.error.message : 'Le réglage n’a pas pu être enregistré.'}
        </Alert>
      )}
    </>
  );
}
