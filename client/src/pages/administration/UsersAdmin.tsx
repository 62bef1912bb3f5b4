import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api } from '../../api/client';
import { problemFieldErrors, problemMessage } from '../../api/problem';
import { roleLabels, type Role } from '../../i18n/labels';
import {
  ApiError,
  fetchPilotOptions,
  fetchUsers,
  PILOT_OPTIONS_KEY,
  USERS_KEY,
  type AdminUser,
  type PilotOption,
} from './adminApi';
import { ScrollTable } from '../../components/ScrollTable';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { formMessages } from '../../i18n/formMessages';

const ROLE_OPTIONS = (Object.keys(roleLabels) as Role[]).map((value) => ({ value, label: roleLabels[value] }));
type MemberRole = 'coordinator' | 'reviewer';
const isMemberRole = (role: Role): role is MemberRole => role === 'coordinator' || role === 'reviewer';

function fail(body: unknown): never {
  throw new ApiError(problemMessage(body), body);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The account form's rules, in French; the server checks them again (and the password's strength). */
const userSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Indiquez le nom de la personne.' })
    .max(200, { error: formMessages.tooLong(200) }),
  email: z
    .string()
    .trim()
    .min(1, { error: 'Indiquez son adresse électronique.' })
    .max(254, { error: formMessages.tooLong(254) })
    .regex(EMAIL, { error: formMessages.email }),
  role: z.enum(Object.keys(roleLabels) as [Role, ...Role[]], { error: 'Choisissez un rôle.' }),
  password: z
    .string()
    .min(12, { error: 'Au moins 12 caractères.' })
    .max(128, { error: formMessages.tooLong(128) }),
});

type UserValues = { name: string; email: string; role: Role; password: string };
const EMPTY_USER: UserValues = { name: '', email: '', role: 'coordinator', password: '' };

function CreateUserForm() {
  const queryClient = useQueryClient();
  const form = useSchemaForm<UserValues>(userSchema, EMPTY_USER);
  const create = useMutation({
    mutationFn: async (body: z.output<typeof userSchema>) => {
      const { data, error } = await api.POST('/api/users', { body });
      return data ?? fail(error);
    },
    onSuccess: (user) => {
      notifications.show({ color: 'green', message: `Compte créé pour ${user.name}.` });
      form.reset();
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
    },
    onError: (error) => {
      if (error instanceof ApiError) setServerErrors(form, error.body);
    },
  });
  const fieldErrors = create.error instanceof ApiError ? problemFieldErrors(create.error.body) : {};
  const submit = form.onSubmit((values) => {
    // One account per click: a second click while the first is on its way does nothing.
    if (create.isPending) return;
    create.mutate(userSchema.parse(values));
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="create-user-title">
      <form onSubmit={submit} noValidate aria-labelledby="create-user-title">
        <Stack>
          <Title order={3} id="create-user-title">
            Créer un compte
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Nom" required {...form.getInputProps('name')} />
            <TextInput
              label="Adresse électronique"
              type="email"
              autoComplete="off"
              required
              {...form.getInputProps('email')}
            />
            <NativeSelect label="Rôle" data={ROLE_OPTIONS} {...form.getInputProps('role')} />
            <PasswordInput
              label="Mot de passe provisoire"
              description="De 12 à 128 caractères, pas un mot de passe courant ni l'identifiant de l'adresse. À transmettre à la personne, qui pourra le changer."
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
          </SimpleGrid>
          {create.isError && Object.keys(fieldErrors).length === 0 && (
            <Alert color="red" role="alert">
              {create.error.message}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              Créer le compte
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

const assignSchema = z.object({ pilotId: z.string().min(1, { error: 'Choisissez un projet pilote.' }) });

function AssignModal({
  user,
  pilots,
  pilotsError,
  onClose,
}: {
  user: AdminUser | null;
  pilots: PilotOption[];
  pilotsError: string | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  // A choice from a list: nothing typed to lose, so no prompt before leaving.
  const form = useSchemaForm<{ pilotId: string }>(assignSchema, { pilotId: '' }, { warnOnLeave: false });
  const pilotId = form.values.pilotId;
  const names = new Map(pilots.map((p) => [p.id, p.name]));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: USERS_KEY });
  const assign = useMutation({
    mutationFn: async ({ userId, role }: { userId: string; role: MemberRole }) => {
      const { data, error } = await api.POST('/api/pilots/{id}/members', {
        params: { path: { id: pilotId } },
        body: { userId, role },
      });
      return data ?? fail(error);
    },
    onSuccess: () => {
      notifications.show({
        color: 'green',
        message: `${user?.name ?? 'Le compte'} est affecté à ${names.get(pilotId) ?? 'ce projet pilote'}.`,
      });
      form.reset();
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: async ({ userId, pilot }: { userId: string; pilot: string }) => {
      const { error, response } = await api.DELETE('/api/pilots/{id}/members/{userId}', {
        params: { path: { id: pilot, userId } },
      });
      if (response.status !== 204) fail(error);
    },
    onSuccess: refresh,
  });
  if (!user || !isMemberRole(user.role)) return null;
  const role = user.role;
  const available = pilots.filter((p) => !user.pilotIds.includes(p.id));

  return (
    <Modal opened onClose={onClose} title={`Projets pilotes de ${user.name}`}>
      <Stack>
        <Text size="sm">Rôle dans le projet : {roleLabels[role]}.</Text>
        {user.pilotIds.length === 0 ? (
          <Text c="dimmed">Aucun projet pilote pour l&apos;instant.</Text>
        ) : (
          <Stack gap="xs">
            {user.pilotIds.map((id) => (
              <Group key={id} justify="space-between">
                <Text>{names.get(id) ?? 'Projet pilote'}</Text>
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  loading={remove.isPending}
                  onClick={() => remove.mutate({ userId: user.id, pilot: id })}
                >
                  Retirer
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        {pilotsError ? (
          <Alert color="yellow">La liste des projets pilotes n&apos;est pas disponible : {pilotsError}</Alert>
        ) : (
          <form
            noValidate
            onSubmit={form.onSubmit(() => {
              if (!assign.isPending) assign.mutate({ userId: user.id, role });
            })}
          >
            <Group align="flex-end">
              <NativeSelect
                label="Projet pilote"
                data={[
                  { value: '', label: available.length ? 'Choisir…' : 'Aucun autre projet pilote' },
                  ...available.map((p) => ({ value: p.id, label: p.name })),
                ]}
                {...form.getInputProps('pilotId')}
              />
              <Button type="submit" loading={assign.isPending}>
                Affecter
              </Button>
            </Group>
          </form>
        )}
        {(assign.isError || remove.isError) && (
          <Alert color="red" role="alert">
            {(assign.error ?? remove.error)?.message}
          </Alert>
        )}
      </Stack>
    </Modal>
  );
}

function UsersTable() {
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: USERS_KEY, queryFn: fetchUsers });
  const pilots = useQuery({ queryKey: PILOT_OPTIONS_KEY, queryFn: fetchPilotOptions, retry: false });
  const [assigning, setAssigning] = useState<string | null>(null);
  const pilotNames = new Map((pilots.data ?? []).map((p) => [p.id, p.name]));

  const update = useMutation({
    mutationFn: async ({ id, patch }: { id: string; patch: { role?: Role; active?: boolean } }) => {
      const { data, error } = await api.PATCH('/api/users/{userId}', { params: { path: { userId: id } }, body: patch });
      return data ?? fail(error);
    },
    onSuccess: (user, { patch }) => {
      const what = patch.active === false ? 'désactivé' : patch.active === true ? 'réactivé' : 'modifié';
      notifications.show({ color: 'green', message: `Compte de ${user.name} ${what}.` });
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
    },
    onError: (error) => {
      notifications.show({ color: 'red', message: error.message });
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
    },
  });

  if (users.isPending) return <Text>Chargement des comptes…</Text>;
  if (users.isError) return <Alert color="red">{users.error.message}</Alert>;
  const selected = users.data.find((u) => u.id === assigning) ?? null;

  return (
    <>
      <ScrollTable label="Comptes" minWidth={800}>
        <Table striped highlightOnHover aria-label="Comptes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Nom</Table.Th>
              <Table.Th>Adresse électronique</Table.Th>
              <Table.Th>Rôle</Table.Th>
              <Table.Th>Projets pilotes</Table.Th>
              <Table.Th>État</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data.map((u) => (
              <Table.Tr key={u.id} data-testid={`user-row-${u.email}`}>
                <Table.Td>{u.name}</Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={`Rôle de ${u.name}`}
                    size="xs"
                    data={ROLE_OPTIONS}
                    value={u.role}
                    disabled={update.isPending}
                    onChange={(e) => update.mutate({ id: u.id, patch: { role: e.currentTarget.value as Role } })}
                  />
                </Table.Td>
                <Table.Td>
                  {u.pilotIds.length ? u.pilotIds.map((id) => pilotNames.get(id) ?? 'Projet pilote').join(', ') : '—'}
                </Table.Td>
                <Table.Td>
                  <Badge color={u.active ? 'green' : 'gray'} variant="light" tt="none">
                    {u.active ? 'Actif' : 'Désactivé'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {u.active ? (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        aria-label={`Désactiver ${u.name}`}
                        onClick={() => {
                          if (window.confirm(`Désactiver le compte de ${u.name} ? Ses sessions seront fermées.`))
                            update.mutate({ id: u.id, patch: { active: false } });
                        }}
                      >
                        Désactiver
                      </Button>
                    ) : (
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={`Réactiver ${u.name}`}
                        onClick={() => update.mutate({ id: u.id, patch: { active: true } })}
                      >
                        Réactiver
                      </Button>
                    )}
                    {isMemberRole(u.role) && (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Projets pilotes de ${u.name}`}
                        onClick={() => setAssigning(u.id)}
                      >
                        Projets pilotes
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <AssignModal
        key={assigning ?? 'none'}
        user={selected}
        pilots={pilots.data ?? []}
        pilotsError={pilots.isError ? pilots.error.message : null}
        onClose={() => setAssigning(null)}
      />
    </>
  );
}

/** The lead's accounts administration: list, create, disable/enable, change role, assign to pilots. */
export function UsersAdmin() {
  return (
    <Stack gap="lg">
      <CreateUserForm />
      <UsersTable />
    </Stack>
  );
}
