import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { formatDateTime } from '../../i18n/format';
import { ScrollTable } from '../../components/ScrollTable';
import { queryKeys } from '../../api/queryKeys';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { formMessages } from '../../i18n/formMessages';

const TOKENS_KEY = queryKeys.tokens;

const tokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Donnez un nom au jeton, par exemple « export mensuel ».' })
    .max(100, { error: formMessages.tooLong(100) }),
});

/** A refusal carrying the problem, so its per-field messages reach the form. */
class TokenRefused extends Error {
  constructor(readonly problem: unknown) {
    super(problemMessage(problem));
  }
}

async function fetchTokens() {
  const { data, error } = await api.GET('/api/auth/tokens');
  if (!data) throw new Error(problemMessage(error));
  return data;
}

/** Personal API tokens for scripts: created (shown once), listed, revoked. */
export function TokensPage() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: fetchTokens });
  const form = useSchemaForm<{ name: string }>(tokenSchema, { name: '' });
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const create = useMutation({
    mutationFn: async (tokenName: string) => {
      const { data, error } = await api.POST('/api/auth/tokens', { body: { name: tokenName } });
      if (!data) throw new TokenRefused(error);
      return data;
    },
    onSuccess: (data) => {
      setCreated({ name: data.name, token: data.token });
      form.reset();
      void queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
    onError: (error) => {
      if (error instanceof TokenRefused) setServerErrors(form, error.problem);
    },
  });
  const revoke = useMutation({
    mutationFn: async (id: string) => {
      const { error, response } = await api.DELETE('/api/auth/tokens/{tokenId}', { params: { path: { tokenId: id } } });
      if (response.status !== 204) throw new Error(problemMessage(error));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });

  const submit = form.onSubmit((values) => {
    // One token per click: a second click while the first is on its way does nothing.
    if (create.isPending) return;
    setCreated(null);
    create.mutate(tokenSchema.parse(values).name);
  });

  return (
    <Stack gap="lg" maw={900}>
      <Title order={2}>Jetons d&apos;accès</Title>
      <Text>
        Un jeton permet à un script d&apos;utiliser l&apos;API en votre nom (en-tête{' '}
        <Code>Authorization: Bearer …</Code>). Il a les mêmes droits que vous ; révoquez-le dès qu&apos;il ne sert plus.
      </Text>

      <form onSubmit={submit} noValidate aria-label="Créer un jeton">
        <Group align="flex-end">
          <TextInput
            label="Nom du jeton"
            description="Par exemple : export mensuel"
            required
            {...form.getInputProps('name')}
          />
          <Button type="submit" loading={create.isPending}>
            Créer le jeton
          </Button>
        </Group>
      </form>
      {create.isError && (
        <Alert color="red" role="alert">
          {create.error.message}
        </Alert>
      )}
      {created && (
        <Alert color="green" title={`Jeton « ${created.name} » créé`} data-testid="token-created">
          <Stack gap="xs">
            <Text size="sm">Copiez-le maintenant : il ne sera plus jamais affiché.</Text>
            <Group gap="xs" wrap="nowrap">
              <Code data-testid="token-value" style={{ wordBreak: 'break-all' }}>
                {created.token}
              </Code>
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? 'Copié' : 'Copier'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      )}

      {tokens.isError ? (
        <Alert color="red">{tokens.error.message}</Alert>
      ) : tokens.data && tokens.data.length === 0 ? (
        <Text c="dimmed">Aucun jeton actif.</Text>
      ) : (
        <ScrollTable label="Jetons d’accès" minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Nom</Table.Th>
                <Table.Th>Créé le</Table.Th>
                <Table.Th>Dernière utilisation</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(tokens.data ?? []).map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>{t.name}</Table.Td>
                  <Table.Td>{formatDateTime(t.createdAt)}</Table.Td>
                  <Table.Td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Jamais'}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      loading={revoke.isPending && revoke.variables === t.id}
                      onClick={() => {
                        if (
                          window.confirm(
                            `Révoquer le jeton « ${t.name} » ? Les scripts qui l'utilisent cesseront de fonctionner.`,
                          )
                        )
                          revoke.mutate(t.id);
                      }}
                    >
                      Révoquer
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {revoke.isError && (
        <Alert color="red" role="alert">
          {revoke.error.message}
        </Alert>
      )}
    </Stack>
  );
}
