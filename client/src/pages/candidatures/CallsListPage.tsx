import { Alert, Anchor, Badge, Button, Fieldset, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { problemFieldErrors, problemMessage } from '../../api/problem';
import { useAuth } from '../../auth/AuthProvider';
import { formatDate } from '../../i18n/format';
import { ScrollTable } from '../../components/ScrollTable';
import { todayInFrance } from '../../i18n/dates';

/** /appels — every wave's call; the lead creates the next one here. */
export function CallsListPage() {
  const { user } = useAuth();
  const calls = useQuery({
    queryKey: ['calls'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/calls', { params: { query: { limit: 100 } } });
      if (error) throw new Error(problemMessage(error));
      return data;
    },
  });

  return (
    <Stack gap="lg">
      <Title order={2}>Appels à coopération</Title>
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
  const [title, setTitle] = useState('');
  const [waveYear, setWaveYear] = useState<number | string>(Number(todayInFrance().slice(0, 4)));
  const [intentionDeadline, setIntentionDeadline] = useState('');
  const [engagementDeadline, setEngagementDeadline] = useState('');
  const [minInhabitants, setMin] = useState<number | string>(800);
  const [maxInhabitants, setMax] = useState<number | string>(1500);
  const [investment, setInvestment] = useState<number | string>(80);
  const [operating, setOperating] = useState<number | string>(20);
  const [years, setYears] = useState<number | string>(3);
  const [contact, setContact] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: async () => {
      const { data, error } = await api.POST('/api/calls', {
        body: {
          title,
          waveYear: Number(waveYear),
          intentionDeadline,
          engagementDeadline,
          minInhabitants: Number(minInhabitants),
          maxInhabitants: Number(maxInhabitants),
          // Rates are typed in euros, sent in cents.
          investmentPerInhabitantCents: Math.round(Number(investment) * 100),
          operatingPerInhabitantPerYearCents: Math.round(Number(operating) * 100),
          operatingYears: Number(years),
          ...(contact.trim() ? { contact } : {}),
        },
      });
      if (error || !data) throw error ?? {};
      return data;
    },
    onSuccess: async (call) => {
      await queryClient.invalidateQueries({ queryKey: ['calls'] });
      navigate(`/appels/${call.id}`);
    },
    onError: (problem) => {
      setErrors(problemFieldErrors(problem));
      setMessage(problemMessage(problem));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    create.mutate();
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label="Nouvel appel">
        <Stack gap="sm">
          <Title order={3}>Nouvel appel</Title>
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <TextInput label="Titre" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
          <Group grow wrap="wrap">
            <NumberInput label="Année de la vague" required value={waveYear} onChange={setWaveYear} min={2000} max={2100} allowDecimal={false} error={errors.waveYear} />
            <TextInput label="Date limite — lettre d'intention" type="date" required value={intentionDeadline} onChange={(e) => setIntentionDeadline(e.currentTarget.value)} error={errors.intentionDeadline} />
            <TextInput label="Date limite — lettre d'engagement" type="date" required value={engagementDeadline} onChange={(e) => setEngagementDeadline(e.currentTarget.value)} error={errors.engagementDeadline} />
          </Group>
          <Fieldset legend="Critère de taille (habitants, bornes incluses)">
            <Group grow>
              <NumberInput label="Minimum" value={minInhabitants} onChange={setMin} min={1} allowDecimal={false} error={errors.minInhabitants} />
              <NumberInput label="Maximum" value={maxInhabitants} onChange={setMax} min={1} allowDecimal={false} error={errors.maxInhabitants} />
            </Group>
          </Fieldset>
          <Fieldset legend="Financement (copié sur le projet pilote à la sélection)">
            <Group grow wrap="wrap">
              <NumberInput label="Investissement par habitant (€)" value={investment} onChange={setInvestment} min={0} decimalScale={2} error={errors.investmentPerInhabitantCents} />
              <NumberInput label="Fonctionnement par habitant et par an (€)" value={operating} onChange={setOperating} min={0} decimalScale={2} error={errors.operatingPerInhabitantPerYearCents} />
              <NumberInput label="Nombre d'années" value={years} onChange={setYears} min={1} max={10} allowDecimal={false} error={errors.operatingYears} />
            </Group>
          </Fieldset>
          <TextInput label="Contact" value={contact} onChange={(e) => setContact(e.currentTarget.value)} error={errors.contact} />
          <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
            Créer l'appel
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
