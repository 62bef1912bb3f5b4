import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { problemFieldErrors, problemMessage } from '../../api/problem';
import { formatPercent } from '../../i18n/format';
import { wasteStreamLabels, type WasteStream } from '../../i18n/labels';
import { autonomyKeys, type WasteFigures } from './autonomyApi';
import { ScrollTable } from '../../components/ScrollTable';

const STREAMS: WasteStream[] = ['residual', 'packaging', 'glass', 'biowaste', 'recyclingCentre', 'reuse'];
const kg = (v: number | null) => (v === null ? '—' : v.toLocaleString('fr-FR', { maximumFractionDigits: 1 }));

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
  const [year, setYear] = useState<number | string>(first);
  const [population, setPopulation] = useState<number | string>('');
  const [tonnes, setTonnes] = useState<Record<WasteStream, number | string>>({
    residual: '',
    packaging: '',
    glass: '',
    biowaste: '',
    recyclingCentre: '',
    reuse: '',
  });
  const save = useMutation({
    mutationFn: async () => {
      const t = Object.fromEntries(STREAMS.map((s) => [s, tonnes[s] === '' ? null : Number(tonnes[s])])) as Record<
        WasteStream,
        number | null
      >;
      const { data, error } = await api.PUT('/api/pilots/{id}/waste/{year}', {
        params: { path: { id: pilotId, year: Number(year) } },
        body: {
          population: population === '' ? null : Number(population),
          tonnes: { ...t, residual: t.residual ?? Number.NaN },
        },
      });
      if (error) throw error;
      return data;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: autonomyKeys.waste(pilotId) });
      void queryClient.invalidateQueries({ queryKey: autonomyKeys.autonomy(pilotId) });
    },
  });
  const errors = save.error ? problemFieldErrors(save.error) : {};
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="xs">
        Saisir les tonnages d’une année
      </Title>
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NumberInput
            label="Année civile"
            min={first}
            max={last}
            value={year}
            onChange={setYear}
            error={errors.year}
            allowDecimal={false}
          />
          <NumberInput
            label="Population (facultatif)"
            description="Vide : population du pilote"
            min={1}
            value={population}
            onChange={setPopulation}
            error={errors.population}
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
              value={tonnes[s]}
              onChange={(v) => setTonnes((prev) => ({ ...prev, [s]: v }))}
              error={errors[`tonnes.${s}`]}
            />
          ))}
        </SimpleGrid>
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={tonnes.residual === ''}>
            Enregistrer l’année
          </Button>
          {save.isError && (
            <Text c="red" size="sm">
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
    </Paper>
  );
}
