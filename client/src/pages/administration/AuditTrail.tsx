import { Alert, Anchor, Button, Code, Group, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api, type paths } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { formatDateTime } from '../../i18n/format';
import { fetchUsers, USERS_KEY } from './adminApi';
import { ScrollTable } from '../../components/ScrollTable';
import { queryKeys } from '../../api/queryKeys';
import { useSchemaForm } from '../../forms/schemaForm';
import { formMessages } from '../../i18n/formMessages';

type AuditPage = paths['/api/audit']['get']['responses'][200]['content']['application/json'];
type Filters = { entity: string; entityId: string; userId: string };
const EMPTY: Filters = { entity: '', entityId: '', userId: '' };

/** The filters' rules (the server's limits), so a filter too long is refused beside its field, in French. */
const filtersSchema = z.object({
  entity: z
    .string()
    .trim()
    .max(60, { error: formMessages.tooLong(60) }),
  entityId: z
    .string()
    .trim()
    .max(100, { error: formMessages.tooLong(100) }),
  userId: z.string(),
});

// The audit trail's objects, as the services name them; the filter also accepts any other value.
const ENTITY_OPTIONS = [
  { value: '', label: 'Tous' },
  { value: 'user', label: 'Compte' },
  { value: 'account', label: 'Connexion' },
  { value: 'api_token', label: "Jeton d'accès" },
  { value: 'pilot', label: 'Projet pilote' },
  { value: 'route', label: 'Accès refusé' },
];

function queryOf(f: Filters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(f)
      .filter(([, v]) => v.trim() !== '')
      .map(([k, v]) => [k, v.trim()]),
  );
}

function changes(before: unknown, after: unknown): string {
  const parts: string[] = [];
  if (before && typeof before === 'object') parts.push(`avant ${JSON.stringify(before)}`);
  if (after && typeof after === 'object') parts.push(`après ${JSON.stringify(after)}`);
  return parts.join(' · ');
}

/** The append-only audit trail, filtered by object, id or person, with a CSV export of the same filter. */
export function AuditTrail() {
  // Filters are not worth a "leave the page?" prompt.
  const form = useSchemaForm<Filters>(filtersSchema, EMPTY, { warnOnLeave: false });
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const users = useQuery({ queryKey: USERS_KEY, queryFn: fetchUsers });
  const trail = useInfiniteQuery({
    queryKey: queryKeys.admin.audit(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }): Promise<AuditPage> => {
      const { data, error } = await api.GET('/api/audit', {
        params: { query: { ...queryOf(filters), limit: 50, cursor: pageParam } },
      });
      if (!data) throw new Error(problemMessage(error));
      return data;
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const submit = form.onSubmit((values) => setFilters(filtersSchema.parse(values)));
  const exportUrl = `/api/audit?${new URLSearchParams({ ...queryOf(filters), format: 'csv' }).toString()}`;
  const rows = trail.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate aria-label="Filtrer le journal d'audit">
          <Group align="flex-end" wrap="wrap">
            <NativeSelect label="Objet" data={ENTITY_OPTIONS} {...form.getInputProps('entity')} />
            <TextInput label="Identifiant de l'objet" {...form.getInputProps('entityId')} />
            <NativeSelect
              label="Personne"
              data={[
                { value: '', label: 'Toutes' },
                ...(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
              ]}
              {...form.getInputProps('userId')}
            />
            <Button type="submit">Filtrer</Button>
            <Button
              variant="subtle"
              onClick={() => {
                form.setValues(EMPTY);
                setFilters(EMPTY);
              }}
            >
              Effacer les filtres
            </Button>
            <Anchor href={exportUrl} download>
              Exporter en CSV
            </Anchor>
          </Group>
        </form>
      </Paper>

      {trail.isError ? (
        <Alert color="red">{trail.error.message}</Alert>
      ) : trail.isPending ? (
        <Text>Chargement du journal…</Text>
      ) : rows.length === 0 ? (
        <Text c="dimmed">Aucune entrée pour ces filtres.</Text>
      ) : (
        <ScrollTable label="Journal d'audit" minWidth={900}>
          <Table striped aria-label="Journal d'audit" data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Personne</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Objet</Table.Th>
                <Table.Th>Identifiant</Table.Th>
                <Table.Th>Modifications</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatDateTime(r.at)}</Table.Td>
                  <Table.Td>{r.userEmail ?? 'Système'}</Table.Td>
                  <Table.Td>
                    <Code>{r.action}</Code>
                  </Table.Td>
                  <Table.Td>{r.entity}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{r.entityId ?? '—'}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>
                    <Text size="xs">{changes(r.before, r.after)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {trail.hasNextPage && (
        <Group>
          <Button variant="default" loading={trail.isFetchingNextPage} onClick={() => void trail.fetchNextPage()}>
            Afficher les entrées plus anciennes
          </Button>
        </Group>
      )}
    </Stack>
  );
}
