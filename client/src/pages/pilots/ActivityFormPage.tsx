import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Collapse,
  Group,
  Loader,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import {
  activityTypeLabels,
  actorTypeLabels,
  participationLevelLabels,
  policyLabels,
  type ActorType,
} from '../../i18n/labels';
import {
  ApiError,
  ensureOk,
  fetchNetwork,
  pilotKeys,
  pilotProblemMessage,
  todayInFrance,
  unwrap,
  type Activity,
} from './pilotsApi';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { activitySchema } from './activitySchema';
import { usePilot } from './usePilot';
import { ActivityPhotos } from './ActivityPhotos';
import { queryKeys } from '../../api/queryKeys';
import { useAuth } from '../../auth/AuthProvider';
import { PhotoField } from '../../offline/PhotoField';
import { QueuedActivities } from '../../offline/QueuedActivities';
import { queuedActivity, type QueuedActivity } from '../../offline/queue';
import { recordActivity } from '../../offline/record';

import { initialState, stateFromBody, STREAMS, toBody, type FormState } from './activityFormState';

/** The activity form: four fields first (quick on a phone at the end of an event), the rest under « Plus de détails ». */
function ActivityForm({
  initial,
  queued,
  onQueued,
}: {
  initial?: Activity;
  /** A queued activity being fixed (offline log). */
  queued?: QueuedActivity;
  /** After a new activity went to the offline queue: a fresh form for the next one. */
  onQueued?: () => void;
}) {
  const { id, pilot } = usePilot();
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useSchemaForm<FormState>(activitySchema, queued ? stateFromBody(queued.body) : initialState(initial));
  const [photo, setPhoto] = useState<Blob | null>(null);
  const [more, setMore] = useState(
    () =>
      !!initial &&
      (initial.volunteers > 0 || initial.actorIds.length > 0 || initial.divertedKg.total > 0 || !!initial.notes),
  );
  const network = useQuery({ queryKey: pilotKeys.network(id), queryFn: () => fetchNetwork(id), enabled: more });
  const save = useMutation({
    // Offline too: a new activity then waits in the offline queue.
    networkMode: 'always',
    mutationFn: async (s: FormState) => {
      const body = toBody(s);
      if (initial)
        return unwrap(
          await api.PATCH('/api/pilots/{id}/activities/{activityId}', {
            params: { path: { id, activityId: initial.id } },
            body,
          }),
        );
      // New activities go through the offline log: sent now when online, kept on the device otherwise.
      return recordActivity({ pilotId: id, userId: user?.id ?? '', body, photo, replaces: queued });
    },
    onSuccess: async (result) => {
      form.resetDirty();
      if ('kind' in result && result.kind === 'queued') {
        notifications.show({
          color: 'orange',
          message: `Activité « ${form.values.title.trim()} » gardée sur cet appareil : elle sera envoyée au retour du réseau.`,
        });
        if (queued) void navigate(`/pilotes/${id}/activites`);
        else onQueued?.();
        return;
      }
      const a = 'kind' in result ? result.activity : result;
      await queryClient.invalidateQueries({ queryKey: pilotKeys.all(id) });
      notifications.show({
        color: 'teal',
        message: initial ? 'Activité modifiée.' : `Activité « ${a.title} » enregistrée.`,
      });
      void navigate(initial || queued ? `/pilotes/${id}/activites` : `/pilotes/${id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError)
        setServerErrors(form, error.body, Object.fromEntries(STREAMS.map(([k]) => [`divertedKg.${k}`, `kg.${k}`])));
    },
  });
  const remove = useMutation({
    mutationFn: async () =>
      ensureOk(
        await api.DELETE('/api/pilots/{id}/activities/{activityId}', {
          params: { path: { id, activityId: initial!.id } },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: pilotKeys.all(id) });
      notifications.show({ color: 'teal', message: 'Activité supprimée.' });
      void navigate(`/pilotes/${id}/activites`);
    },
  });
  const submit = form.onSubmit((values) => {
    // One activity per tap: a second tap while the first is on its way does nothing.
    if (save.isPending) return;
    save.mutate(values);
  });
  const lifeStart = pilot.data?.lifeStart;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          type="date"
          label="Date"
          required
          min={lifeStart}
          max={todayInFrance()}
          {...form.getInputProps('date')}
        />
        <TextInput
          label="Titre"
          required
          placeholder="Repair café de mars"
          {...form.getInputProps('title')}
          autoFocus={!initial}
        />
        <NativeSelect
          label="Type"
          required
          {...form.getInputProps('type')}
          data={Object.entries(activityTypeLabels).map(([value, label]) => ({ value, label }))}
        />
        <NumberInput
          label="Participants"
          required
          min={0}
          max={100000}
          allowDecimal={false}
          allowNegative={false}
          inputMode="numeric"
          {...form.getInputProps('participants')}
        />

        <Button variant="subtle" onClick={() => setMore((m) => !m)} aria-expanded={more} justify="flex-start" px={0}>
          {more ? 'Moins de détails' : 'Plus de détails'}
        </Button>
        <Collapse expanded={more}>
          <Stack gap="sm">
            <Checkbox.Group label="Politiques publiques" {...form.getInputProps('policies')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt={4} spacing={4}>
                {Object.entries(policyLabels).map(([value, label]) => (
                  <Checkbox key={value} value={value} label={label} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <SimpleGrid cols={2}>
              <NumberInput
                label="Bénévoles"
                min={0}
                max={10000}
                allowDecimal={false}
                allowNegative={false}
                inputMode="numeric"
                {...form.getInputProps('volunteers')}
              />
              <NumberInput
                label="Heures de bénévolat (total)"
                min={0}
                max={100000}
                decimalScale={2}
                allowNegative={false}
                decimalSeparator=","
                inputMode="decimal"
                {...form.getInputProps('volunteerHours')}
              />
            </SimpleGrid>
            <MultiSelect
              label="Acteurs impliqués"
              placeholder={network.data && network.data.nodes.length === 0 ? 'Aucun acteur recensé' : 'Choisir'}
              searchable
              data={(network.data?.nodes ?? []).map((a) => ({
                value: a.id,
                label: `${a.name} (${actorTypeLabels[a.type as ActorType]})`,
              }))}
              {...form.getInputProps('actorIds')}
            />
            <NativeSelect
              label="Niveau d’implication des habitants"
              {...form.getInputProps('participationLevel')}
              data={[
                { value: '', label: 'Non précisé' },
                ...Object.entries(participationLevelLabels).map(([value, label]) => ({ value, label })),
              ]}
            />
            <Paper withBorder p="sm">
              <Text size="sm" fw={500} mb={4}>
                Déchets détournés (kg)
              </Text>
              <SimpleGrid cols={{ base: 2, sm: 5 }}>
                {STREAMS.map(([k, label]) => (
                  <NumberInput
                    key={k}
                    label={label}
                    min={0}
                    max={1000000}
                    decimalScale={2}
                    allowNegative={false}
                    decimalSeparator=","
                    inputMode="decimal"
                    {...form.getInputProps(`kg.${k}`)}
                  />
                ))}
              </SimpleGrid>
            </Paper>
            <Textarea label="Notes" autosize minRows={2} maxLength={5000} {...form.getInputProps('notes')} />
          </Stack>
        </Collapse>
        {!initial && <PhotoField onChange={setPhoto} kept={!!queued?.photo} />}

        {save.isError && (
          <Alert color="red" role="alert" data-testid="activity-error">
            {pilotProblemMessage(save.error)}
          </Alert>
        )}
        <Group justify="space-between">
          {initial ? (
            <Button
              color="red"
              variant="subtle"
              loading={remove.isPending}
              onClick={() => window.confirm('Supprimer cette activité ?') && remove.mutate()}
            >
              Supprimer
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" component={Link} to={initial ? `/pilotes/${id}/activites` : `/pilotes/${id}`}>
              Annuler
            </Button>
            <Button type="submit" loading={save.isPending}>
              Enregistrer
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** /pilotes/:id/activites/nouvelle (?attente=<id>: fixing an activity of the offline queue) */
export function ActivityNewPage() {
  const { id, pilot } = usePilot();
  const [params] = useSearchParams();
  const waitingId = params.get('attente');
  // Each activity kept offline gives a fresh form for the next one.
  const [round, setRound] = useState(0);
  const queued = useQuery({
    queryKey: [...queryKeys.offlineQueue, 'item', waitingId],
    queryFn: async () => (await queuedActivity(waitingId!)) ?? null,
    enabled: !!waitingId,
    networkMode: 'always',
  });
  return (
    <Stack gap="md" maw={640}>
      <Anchor component={Link} to={`/pilotes/${id}`} size="sm">
        ← {pilot.data?.name ?? 'Projet pilote'}
      </Anchor>
      <Title order={2}>{waitingId ? 'Corriger l’activité en attente' : 'Nouvelle activité'}</Title>
      {!waitingId ? (
        <ActivityForm key={round} onQueued={() => setRound((r) => r + 1)} />
      ) : queued.isPending ? (
        <Loader aria-label="Chargement de l’activité en attente" />
      ) : queued.data ? (
        <ActivityForm queued={queued.data} />
      ) : (
        <Alert color="gray">Cette activité n’est plus en attente sur cet appareil.</Alert>
      )}
      <QueuedActivities pilotId={id} />
    </Stack>
  );
}

/** /pilotes/:id/activites/:activityId */
export function ActivityEditPage() {
  const { id, canWrite } = usePilot();
  const { activityId = '' } = useParams();
  const activity = useQuery({
    queryKey: queryKeys.pilot.activity(id, activityId),
    queryFn: async () =>
      unwrap(await api.GET('/api/pilots/{id}/activities/{activityId}', { params: { path: { id, activityId } } })),
  });
  return (
    <Stack gap="md" maw={640}>
      <Anchor component={Link} to={`/pilotes/${id}/activites`} size="sm">
        ← Activités
      </Anchor>
      <Title order={2}>Modifier l’activité</Title>
      {activity.isPending ? (
        <Loader aria-label="Chargement de l’activité" />
      ) : activity.isError ? (
        <Alert color="red">{pilotProblemMessage(activity.error, 'Activité introuvable.')}</Alert>
      ) : (
        <>
          <ActivityForm initial={activity.data} />
          <ActivityPhotos pilotId={id} activity={activity.data} canWrite={canWrite} />
        </>
      )}
    </Stack>
  );
}
