import { Alert, Anchor, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queryKeys';
import { useAuth } from '../../auth/AuthProvider';
import { formatDate } from '../../i18n/format';
import { pilotProblemMessage, unwrap, type Pilot } from './pilotsApi';

/**
 * « Page publique »: the lead switches the pilot's public page and open data on or off (and whether the issued
 * reports go with them); everyone on the pilot sees the link once it is published.
 */
export function PublicPageSwitch({ pilot }: { pilot: Pilot }) {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const isLead = user?.role === 'lead';
  const publication = useQuery({
    queryKey: queryKeys.pilot.publication(pilot.id),
    queryFn: async () => unwrap(await api.GET('/api/pilots/{id}/publication', { params: { path: { id: pilot.id } } })),
  });
  const change = useMutation({
    mutationFn: async (body: { published: boolean; includeReports?: boolean }) =>
      unwrap(await api.PUT('/api/pilots/{id}/publication', { params: { path: { id: pilot.id } }, body })),
    onSuccess: (data) => queryClient.setQueryData(queryKeys.pilot.publication(pilot.id), data),
  });
  const p = publication.data;
  if (!p || (!isLead && !p.published)) return null;
  const link = (
    <Anchor href={p.pagePath} target="_blank" rel="noopener">
      {`${window.location.origin}${p.pagePath}`}
    </Anchor>
  );
  if (!isLead) return <Text size="sm">Page publique : {link}</Text>;
  return (
    <Paper withBorder p="sm" component="section" aria-label="Page publique">
      <Stack gap="xs">
        <Checkbox
          label="Page publique"
          description="Les chiffres du projet, sans aucune donnée personnelle, en page web et en données ouvertes."
          checked={p.published}
          disabled={change.isPending || !pilot.startDate}
          onChange={(e) => {
            if (!change.isPending) change.mutate({ published: e.currentTarget.checked });
          }}
        />
        {!pilot.startDate && (
          <Text size="sm" c="dimmed">
            La page pourra être publiée une fois la date de démarrage fixée.
          </Text>
        )}
        {p.published && (
          <Group gap="xs" wrap="wrap">
            <Text size="sm">
              Publiée le {formatDate(p.publishedAt!)} sous {p.licenceName} :
            </Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {link}
            </Text>
          </Group>
        )}
        <Checkbox
          label="Publier aussi les rapports émis (PDF, tels qu’émis : ils portent le nom du signataire et des acteurs)"
          checked={p.includeReports}
          disabled={change.isPending}
          onChange={(e) => {
            if (!change.isPending) change.mutate({ published: p.published, includeReports: e.currentTarget.checked });
          }}
        />
        {change.isError && (
          <Alert color="red" role="alert">
            {pilotProblemMessage(change.error, 'La page publique n’a pas pu être modifiée.')}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
