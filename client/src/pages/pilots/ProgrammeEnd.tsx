import { Alert, Anchor, Button, Group, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { todayInFrance } from '../../i18n/dates';
import { formatDate } from '../../i18n/format';
import { closureOutcomeLabels } from '../../i18n/labels';
import { closureSchema } from './closureSchema';
import { pilotKeys, unwrap, type Pilot } from './pilotsApi';

/** The final report (« bilan ») is generated from the pilot's reports tab, where the lead chooses its audience. */
function FinalReport({ pilot }: { pilot: Pilot }) {
  return (
    <Button component={Link} to={`/pilotes/${pilot.id}/rapports`} variant="light">
      Préparer le rapport final
    </Button>
  );
}

function ClosureForm({ pilot }: { pilot: Pilot }) {
  const queryClient = useQueryClient();
  const today = todayInFrance();
  const schema = closureSchema(pilot.programmeEnd!, today);
  const form = useSchemaForm<{ outcome: string; reason: string; decidedOn: string }>(schema, {
    outcome: '',
    reason: '',
    decidedOn: today,
  });
  const close = useMutation({
    mutationFn: async (v: { outcome: 'autonomous' | 'ended'; reason: string; decidedOn: string }) =>
      unwrap(await api.POST('/api/pilots/{id}/closure', { params: { path: { id: pilot.id } }, body: v })),
    onSuccess: async () => {
      form.resetDirty();
      await queryClient.invalidateQueries({ queryKey: pilotKeys.all(pilot.id) });
      await queryClient.invalidateQueries({ queryKey: ['pilots'] });
    },
    onError: (problem) => setServerErrors(form, problem instanceof Error && 'body' in problem ? problem.body : problem),
  });
  return (
    <form
      aria-label="Décision de clôture"
      noValidate
      onSubmit={form.onSubmit((values) => {
        if (!close.isPending) close.mutate(schema.parse(values));
      })}
    >
      <Stack gap="sm">
        <Title order={4} size="h5">
          Décision de clôture
        </Title>
        {close.isError && (
          <Alert color="red" role="alert">
            {close.error.message}
          </Alert>
        )}
        <Radio.Group label="Issue du projet pilote" required {...form.getInputProps('outcome')}>
          <Stack gap={6} mt={6}>
            <Radio value="autonomous" label={closureOutcomeLabels.autonomous} />
            <Radio value="ended" label={closureOutcomeLabels.ended} />
          </Stack>
        </Radio.Group>
        <Textarea label="Raison" required autosize minRows={2} maxLength={4000} {...form.getInputProps('reason')} />
        <TextInput label="Date de la décision" type="date" required {...form.getInputProps('decidedOn')} />
        <Group>
          <Button type="submit" loading={close.isPending}>
            Enregistrer la décision
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The end of the three years on the pilot's page: in « bilan » the programme is over, the final report and the
 * lead's closing decision are due; once closed, the decision with its date and reason.
 */
export function ProgrammeEnd({ pilot }: { pilot: Pilot }) {
  const { user } = useAuth();
  if (pilot.closure) {
    const c = pilot.closure;
    return (
      <Paper withBorder p="md" data-testid="programme-closure">
        <Text fw={600}>{closureOutcomeLabels[c.outcome]}</Text>
        <Text size="sm">
          Décision du {formatDate(c.decidedOn)}
          {c.decidedBy ? ` (${c.decidedBy.name})` : ''} : {c.reason}
        </Text>
      </Paper>
    );
  }
  if (pilot.stage !== 'bilan') return null;
  const lastYear = pilot.operatingYears;
  return (
    <Paper withBorder p="md" data-testid="programme-over">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Le programme est terminé
        </Title>
        <Text size="sm">
          Les {pilot.operatingYears} années du programme se sont achevées le {formatDate(pilot.programmeEnd!)}. Place au
          bilan : le rapport final, puis la décision de la cheffe ou du chef de projet sur la suite de la dynamique.
        </Text>
        {user?.role === 'lead' && (
          <>
            <FinalReport pilot={pilot} />
            <ClosureForm pilot={pilot} />
          </>
        )}
        {user?.role === 'coordinator' && (
          <Anchor component={Link} to={`/pilotes/${pilot.id}/rapports?recit=${lastYear}`} size="sm">
            Rédiger votre part du récit de l’année {lastYear} (faits marquants, difficultés)
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}
