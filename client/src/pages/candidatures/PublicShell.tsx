import { Anchor, Container, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { formatDate } from '../../i18n/format';
import type { PublicCall } from './types';

/** What every public candidature page shares: its frame, the one record it loads, the call's summary. */

type RecordState<T> =
  | { isPending: true; isError: false; data: undefined; set: (data: T) => void }
  | { isPending: false; isError: true; data: undefined; set: (data: T) => void }
  | { isPending: false; isError: false; data: T; set: (data: T) => void };

/** The one record a public page shows, fetched once (the public app keeps no query cache: a lighter first load). */
export function useRecord<T>(load: () => Promise<T>, id: string): RecordState<T> {
  const [state, setState] = useState<{ data?: T; failed?: boolean }>({});
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ data }),
      () => current && setState({ failed: true }),
    );
    return () => {
      current = false;
    };
    // Loaded once per id.
  }, [id]);
  const set = (data: T) => setState({ data });
  if (state.failed) return { isPending: false, isError: true, data: undefined, set };
  if (state.data === undefined) return { isPending: true, isError: false, data: undefined, set };
  return { isPending: false, isError: false, data: state.data, set };
}

export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <Container size="md" px="md" py="lg">
      <Stack gap="lg">
        <header>
          <Text size="sm" c="dimmed">
            Smicval — Projet K
          </Text>
          <Title order={1} size="h2">
            Appel à coopération pour un territoire zero waste
          </Title>
        </header>
        <main>{children}</main>
        <footer>
          <Group gap="md">
            <Anchor href="/candidater/lien-perdu" size="sm">
              Lien perdu ?
            </Anchor>
            <Anchor href="/candidater/donnees-personnelles" size="sm">
              Données personnelles
            </Anchor>
          </Group>
        </footer>
      </Stack>
    </Container>
  );
}

function webinarText(w: PublicCall['webinars'][number]): string {
  const hours = w.startTime
    ? ` de ${w.startTime.replace(':', 'h')}${w.endTime ? ` à ${w.endTime.replace(':', 'h')}` : ''}`
    : '';
  return `${formatDate(w.date)}${hours}`;
}

export function CallSummary({ call }: { call: PublicCall }) {
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h3">
          {call.title}
        </Title>
        <Text>
          Lettre d'intention à déposer au plus tard le <strong>{formatDate(call.intentionDeadline)}</strong>, lettre
          d'engagement au plus tard le <strong>{formatDate(call.engagementDeadline)}</strong> (jusqu'à minuit, heure de
          Paris).
        </Text>
        <Text>
          Territoires visés : de {call.minInhabitants.toLocaleString('fr-FR')} à{' '}
          {call.maxInhabitants.toLocaleString('fr-FR')} habitants (commune entière, quartier ou regroupement de
          communes).
        </Text>
        {call.webinars.length > 0 && (
          <div>
            <Text>Webinaires de présentation :</Text>
            <List size="sm">
              {call.webinars.map((w) => (
                <List.Item key={`${w.date}${w.startTime ?? ''}`}>{webinarText(w)}</List.Item>
              ))}
            </List>
          </div>
        )}
        {call.contact && <Text size="sm">Contact : {call.contact}</Text>}
      </Stack>
    </Paper>
  );
}
