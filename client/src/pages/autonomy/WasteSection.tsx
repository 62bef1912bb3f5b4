import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { formatNumber, formatPercent } from '../../i18n/format';
import { wasteStreamLabels, type WasteStream } from '../../i18n/labels';
import { type WasteFigures } from './autonomyApi';
import { wasteSchema, type WasteValues } from './wasteSchema';
import { ScrollTable } from '../../components/ScrollTable';

const STREAMS: WasteStream[] = ['residual', 'packaging', 'glass', 'biowaste', 'recyclingCentre', 'reuse'];
const kg = (v: number | null) => (v === null ? '—' : formatNumber(v));

/** Waste per calendar year: the table per inhabitant and, for the lead and the coordinator, the entry form. */
export function WasteSection({ pilotId, waste, canEdit }: { pilotId: string; waste: WasteFigures; canEdit: boolean }) {
  return (
    <Stack>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          Déchets par habitant (kg/hab./an, par année civile)
        </Title>
        {waste.years.length === 0 ? (
          <Text size="sm" c="dimmed">
            Aucune donnée de déchets saisie.
          </Text>
        ) : (
          <ScrollTable label="Tonnages par année" minWidth={700}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Année</Table.Th>
                  <Table.Th>Population</Table.Th>
                  {STREAMS.map((s) => (
                    <Table.Th key={s}>{wasteStreamLabels[s]}</Table.Th>
                  ))}
                  <Table.Th>Total</Table.Th>
                  <Table.Th>OMR / référence</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {waste.years.map((y) => (
                  <Table.Tr key={y.year}>
                    <Table.Td>
                      {y.year}
                      {y.year === waste.baselineYear ? ' (référence)' : ''}
                    </Table.Td>
                    <Table.Td>
                      {y.population.toLocaleString('fr-FR')}
                      {y.populationSource === 'pilot' ? ' *' : ''}
                    </Table.Td>
                    {STREAMS.map((s) => (
                      <Table.Td key={s}>{kg(y.kgPerInhabitant[s])}</Table.Td>
                    ))}
                    <Table.Td>{kg(y.kgPerInhabitant.total)}</Table.Td>
                    <Table.Td>
                      {y.residualChangeVsBaseline === null ? '—' : formatPercent(y.residualChangeVsBaseline)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        <Text size="xs" c="dimmed" mt="xs">
          Année de référence : {waste.baselineYear ?? '—'} (l’année civile précédant le démarrage). * population du
          pilote en vigueur au 31 décembre (avenants compris).
        </Text>
      </Paper>
      {canEdit && waste.baselineYear !== null && waste.lastYear !== null && (
        <WasteForm pilotId={pilotId} first={waste.baselineYear} last={waste.lastYear} />
      )}
    </Stack>
  );
}

function WasteForm({ pilotId, first, last }: { pilotId: string; first: number; last: number }) {
  const queryClient = useQueryClient();
  const schema = wasteSchema(first, last);
  const form = useSchemaForm<WasteValues>(schema, {
    year: first,
    population: '',
    tonnes: { residual: '', packaging: '', glass: '', biowaste: '', recyclingCentre: '', reuse: '' },
  });
  const save = useMutation({
    mutationFn: async (v: WasteValues) => {
      const t = Object.fromEntries(STREAMS.map((s) => [s, v.tonnes[s] === '' ? null : Number(v.tonnes[s])])) as Record<
        WasteStream,
        number | null
      >;
      const { data, error } = await api.PUT('/api/pilots/{id}/waste/{year}', {
        params: { path: { id: pilotId, year: Number(v.year) } },
        body: {
          population: v.population === '' ? null : Number(v.population),
          tonnes: { ...t, residual: t.residual ?? Number.NaN },
        },
      });
      if (error) throw error;
      return data;
    },
    onSuccess: () => {
      form.resetDirty();
      // Autonomy and waste both live under the pilot's key.
      void queryClient.invalidateQueries({ queryKey: queryKeys.pilot.all(pilotId) });
    },
    onError: (problem) => setServerErrors(form, problem),
  });
  const submit = form.onSubmit((values) => {
    // One save per click: a second click while the first is on its way does nothing.
    if (save.isPending) return;
    save.mutate(values);
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="xs">
        Saisir les tonnages d’une année
      </Title>
      <form onSubmit={submit} noValidate aria-label="Tonnages d’une année">
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <NumberInput
              label="Année civile"
              min={first}
              max={last}
              {...form.getInputProps('year')}
              allowDecimal={false}
            />
            <NumberInput
              label="Population (facultatif)"
              description="Vide : population du pilote"
              min={1}
              {...form.getInputProps('population')}
              allowDecimal={false}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
            {STREAMS.map((s) => (
              <NumberInput
                key={s}
                label={`${wasteStreamLabels[s]} (t)`}
                required={s === 'residual'}
                min={0}
                decimalScale={3}
                decimalSeparator=","
                {...form.getInputProps(`tonnes.${s}`)}
              />
            ))}
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={save.isPending}>
              Enregistrer l’année
            </Button>
            {save.isError && (
              <Text c="red" size="sm" role="alert">
                {problemMessage(save.error)}
              </Text>
            )}
            {save.isSuccess && (
              <Text c="green" size="sm">
                Enregistré.
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
