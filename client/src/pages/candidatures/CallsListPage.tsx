import {
  Alert,
  Anchor,
  Badge,
  Button,
  Fieldset,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { CallStatusBadge } from './shared';
import { DossierSearch } from './DossierSearch';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useAuth } from '../../auth/AuthProvider';
import { formatDate } from '../../i18n/format';
import { ScrollTable } from '../../components/ScrollTable';
import { todayInFrance } from '../../i18n/dates';
import type { z } from 'zod';
import { callSchema } from './callSchema';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { PROGRAMME_DEFAULTS } from '../../../../src/common/programme';
import { queryKeys } from '../../api/queryKeys';

/** /appels — every wave's call; the lead creates the next one here. */
export function CallsListPage() {
  const { user } = useAuth();
  const calls = useQuery({
    queryKey: queryKeys.calls.all,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/calls', { params: { query: { limit: 100 } } });
      if (error) throw new Error(problemMessage(error));
      return data;
    },
  });

  return (
    <Stack gap="lg">
      <Title order={2}>Appels à coopération</Title>
      <DossierSearch />
      {calls.isError && <Alert color="red">{calls.error.message}</Alert>}
      {calls.data && calls.data.items.length === 0 && <Text>Aucun appel pour l'instant.</Text>}
      {calls.data && calls.data.items.length > 0 && (
        <ScrollTable label="Appels à coopération" minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Appel</Table.Th>
                <Table.Th>Vague</Table.Th>
                <Table.Th>Lettre d'intention</Table.Th>
                <Table.Th>Lettre d'engagement</Table.Th>
                <Table.Th>Candidatures</Table.Th>
                <Table.Th>Statut</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {calls.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/appels/${c.id}`}>
                      {c.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.waveYear}</Table.Td>
                  <Table.Td>
                    {formatDate(c.intentionDeadline)} {c.intentionOpen && <Badge variant="light">ouverte</Badge>}
                  </Table.Td>
                  <Table.Td>
                    {formatDate(c.engagementDeadline)} {c.engagementOpen && <Badge variant="light">ouverte</Badge>}
                  </Table.Td>
                  <Table.Td>{c.candidatureCount}</Table.Td>
                  <Table.Td>
                    <CallStatusBadge status={c.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {user?.role === 'lead' && <CreateCallForm />}
    </Stack>
  );
}

function CreateCallForm() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useSchemaForm(callSchema, {
    title: '',
    waveYear: Number(todayInFrance().slice(0, 4)),
    intentionDeadline: '',
    engagementDeadline: '',
    minInhabitants: PROGRAMME_DEFAULTS.minInhabitants,
    maxInhabitants: PROGRAMME_DEFAULTS.maxInhabitants,
    investment: PROGRAMME_DEFAULTS.investmentPerInhabitantCents / 100,
    operating: PROGRAMME_DEFAULTS.operatingPerInhabitantPerYearCents / 100,
    years: PROGRAMME_DEFAULTS.operatingYears,
    contact: '',
  });

  const create = useMutation({
    mutationFn: async (v: z.output<typeof callSchema>) => {
      const { data, error } = await api.POST('/api/calls', {
        body: {
          title: v.title,
          waveYear: v.waveYear,
          intentionDeadline: v.intentionDeadline,
          engagementDeadline: v.engagementDeadline,
          minInhabitants: v.minInhabitants,
          maxInhabitants: v.maxInhabitants,
          // Rates are typed in euros, sent in cents.
          investmentPerInhabitantCents: Math.round(v.investment * 100),
          operatingPerInhabitantPerYearCents: Math.round(v.operating * 100),
          operatingYears: v.years,
          ...(v.contact.trim() ? { contact: v.contact.trim() } : {}),
        },
      });
      if (error || !data) throw error ?? {};
      return data;
    },
    onSuccess: async (call) => {
      form.resetDirty();
      await queryClient.invalidateQueries({ queryKey: queryKeys.calls.all });
      void navigate(`/appels/${call.id}`);
    },
    onError: (problem) =>
      setServerErrors(form, problem, {
        investmentPerInhabitantCents: 'investment',
        operatingPerInhabitantPerYearCents: 'operating',
        operatingYears: 'years',
      }),
  });

  const submit = form.onSubmit((values) => {
    // One request at a time: a second tap while the first is on its way does nothing.
    if (create.isPending) return;
    create.mutate(callSchema.parse(values));
  });

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label="Nouvel appel">
        <Stack gap="sm">
          <Title order={3}>Nouvel appel</Title>
          {create.isError && (
            <Alert color="red" role="alert">
              {problemMessage(create.error)}
            </Alert>
          )}
          <TextInput label="Titre" required {...form.getInputProps('title')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label="Année de la vague"
              required
              min={2000}
              max={2100}
              allowDecimal={false}
              {...form.getInputProps('waveYear')}
            />
            <TextInput
              label="Date limite — lettre d'intention"
              type="date"
              required
              {...form.getInputProps('intentionDeadline')}
            />
            <TextInput
              label="Date limite — lettre d'engagement"
              type="date"
              required
              {...form.getInputProps('engagementDeadline')}
            />
          </SimpleGrid>
          <Fieldset legend="Critère de taille (habitants, bornes incluses)">
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <NumberInput label="Minimum" min={1} allowDecimal={false} {...form.getInputProps('minInhabitants')} />
              <NumberInput label="Maximum" min={1} allowDecimal={false} {...form.getInputProps('maxInhabitants')} />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend="Financement (copié sur le projet pilote à la sélection)">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput
                label="Investissement par habitant (€)"
                min={0}
                decimalScale={2}
                decimalSeparator=","
                {...form.getInputProps('investment')}
              />
              <NumberInput
                label="Fonctionnement par habitant et par an (€)"
                min={0}
                decimalScale={2}
                decimalSeparator=","
                {...form.getInputProps('operating')}
              />
              <NumberInput
                label="Nombre d'années"
                min={1}
                max={10}
                allowDecimal={false}
                {...form.getInputProps('years')}
              />
            </SimpleGrid>
          </Fieldset>
          <TextInput label="Contact" {...form.getInputProps('contact')} />
          <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
            Créer l'appel
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
