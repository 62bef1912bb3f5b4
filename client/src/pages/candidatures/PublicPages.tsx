import {
  Alert,
  Anchor,
  Button,
  Center,
  Container,
  CopyButton,
  Loader,
  List,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { formatDate } from '../../i18n/format';
import { EngagementForm } from './EngagementForm';
import { IntentionForm } from './IntentionForm';
import type { PublicCall } from './types';

type RecordState<T> =
  | { isPending: true; isError: false; data: undefined; set: (data: T) => void }
  | { isPending: false; isError: true; data: undefined; set: (data: T) => void }
  | { isPending: false; isError: false; data: T; set: (data: T) => void };

/** The one record a public page shows, fetched once (the public app keeps no query cache: a lighter first load). */
function useRecord<T>(load: () => Promise<T>, id: string): RecordState<T> {
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

/** Any other /candidater/… address. */
export function PublicNotFound() {
  return (
    <PublicShell>
      <Alert color="red" role="alert" title="Page introuvable">
        Cette adresse ne correspond à aucun formulaire de candidature. Vérifiez le lien reçu, ou contactez le Smicval.
      </Alert>
    </PublicShell>
  );
}

function PublicShell({ children }: { children: ReactNode }) {
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

function CallSummary({ call }: { call: PublicCall }) {
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

/** /candidater/:callId — the letter of intention, without an account. */
export function PublicIntentionPage({ callId }: { callId: string }) {
  const call = useRecord(async () => {
    const { data, error } = await api.GET('/api/public/calls/{id}', { params: { path: { id: callId } } });
    if (error || !data) throw new Error(problemMessage(error));
    return data;
  }, callId);
  const [created, setCreated] = useState<{ editToken: string; inBounds: boolean } | null>(null);

  if (call.isPending) {
    return (
      <PublicShell>
        <Center py="xl">
          <Loader aria-label="Chargement" />
        </Center>
      </PublicShell>
    );
  }
  if (call.isError) {
    return (
      <PublicShell>
        <Alert color="red" role="alert" title="Appel introuvable">
          Cet appel à coopération n'existe pas ou n'est plus en ligne.
        </Alert>
      </PublicShell>
    );
  }

  if (created) {
    const link = `${window.location.origin}/candidater/suite/${created.editToken}`;
    return (
      <PublicShell>
        <Stack gap="md">
          <Alert color="green" title="Votre lettre d'intention est bien reçue" role="status">
            Merci ! Le Smicval reviendra vers vous. Pour la seconde phase, vous compléterez la lettre d'engagement avec
            le lien ci-dessous.
          </Alert>
          {!created.inBounds && (
            <Alert color="yellow" title="Taille du territoire">
              Le nombre d'habitants indiqué est hors de la fourchette de l'appel ({call.data.minInhabitants}–
              {call.data.maxInhabitants}). Votre candidature est reçue ; le comité en tiendra compte.
            </Alert>
          )}
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                Votre lien privé — à conserver
              </Title>
              <Text>
                Ce lien n'est affiché qu'une seule fois et ne peut pas être renvoyé. Copiez-le ou enregistrez cette page
                : il donne accès à votre candidature.
              </Text>
              <TextInput
                label="Lien privé de votre candidature"
                value={link}
                readOnly
                onFocus={(e) => e.currentTarget.select()}
                data-testid="private-link"
              />
              <CopyButton value={link}>
                {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Lien copié' : 'Copier le lien'}</Button>}
              </CopyButton>
              <Anchor href={`/candidater/suite/${created.editToken}`}>
                Compléter dès maintenant la lettre d'engagement
              </Anchor>
            </Stack>
          </Paper>
        </Stack>
      </PublicShell>
    );
  }

  return (
    <PublicShell>
      <Stack gap="lg">
        <CallSummary call={call.data} />
        <Title order={2} size="h3">
          Lettre d'intention « ça m'intéresse »
        </Title>
        {call.data.intentionOpen ? (
          <>
            <Text>
              Il n'est pas nécessaire d'avoir un projet précis à ce stade : dites-nous qui vous êtes et ce qui vous
              anime. Les champs marqués d'un astérisque sont obligatoires.
            </Text>
            <IntentionForm
              onSubmit={async (body) => {
                const { data, error } = await api.POST('/api/public/calls/{id}/candidatures', {
                  params: { path: { id: callId } },
                  body,
                });
                if (error || !data) return error ?? {};
                setCreated({ editToken: data.editToken, inBounds: data.eligibility.inBounds });
                window.scrollTo({ top: 0 });
                return null;
              }}
            />
          </>
        ) : (
          <Alert color="orange" role="alert" title="Phase close">
            La date limite de dépôt des lettres d'intention était le {formatDate(call.data.intentionDeadline)} : le
            dépôt en ligne n'est plus possible.
          </Alert>
        )}
      </Stack>
    </PublicShell>
  );
}

/** /candidater/suite/:editToken — the letter of engagement through the commune's private link. */
export function PublicEngagementPage({ editToken }: { editToken: string }) {
  const candidature = useRecord(async () => {
    const { data, error } = await api.GET('/api/public/candidatures/{editToken}', {
      params: { path: { editToken } },
    });
    if (error || !data) throw new Error(problemMessage(error));
    return data;
  }, editToken);
  const [sent, setSent] = useState(false);

  if (candidature.isPending) {
    return (
      <PublicShell>
        <Center py="xl">
          <Loader aria-label="Chargement" />
        </Center>
      </PublicShell>
    );
  }
  if (candidature.isError) {
    return (
      <PublicShell>
        <Alert color="red" role="alert" title="Lien invalide">
          Ce lien de candidature est invalide. Vérifiez qu'il est complet, ou contactez le Smicval.
        </Alert>
      </PublicShell>
    );
  }
  const c = candidature.data;
  return (
    <PublicShell>
      <Stack gap="lg">
        <CallSummary call={c.call} />
        <Paper withBorder p="md">
          <Text>
            Candidature de <strong>{c.communes.map((x) => x.name).join(', ')}</strong> —{' '}
            {c.inhabitants.toLocaleString('fr-FR')} habitants concernés.
          </Text>
          <Text size="sm" c="dimmed">
            {c.engagement
              ? "Votre lettre d'engagement est enregistrée ; vous pouvez la modifier jusqu'à la date limite."
              : "Votre lettre d'intention est enregistrée."}
          </Text>
        </Paper>
        <Title order={2} size="h3">
          Lettre d'engagement « ma réflexion se précise »
        </Title>
        {sent && (
          <Alert color="green" role="status" title="Lettre d'engagement reçue">
            Merci ! Votre lettre d'engagement est enregistrée. Le comité de sélection l'étudiera après le{' '}
            {formatDate(c.engagementLastDay)}.
          </Alert>
        )}
        {c.engagementOpen ? (
          <EngagementForm
            candidatureId={c.id}
            initial={c.engagement}
            submitLabel={c.engagement ? "Mettre à jour la lettre d'engagement" : "Envoyer la lettre d'engagement"}
            onSubmit={async (body) => {
              const { data, error } = await api.PUT('/api/public/candidatures/{editToken}/engagement', {
                params: { path: { editToken } },
                body,
              });
              if (error || !data) return error ?? {};
              candidature.set(data);
              setSent(true);
              window.scrollTo({ top: 0 });
              return null;
            }}
          />
        ) : (
          <Alert color="orange" role="alert" title="Phase close">
            {c.status === 'intention_submitted' || c.status === 'engagement_submitted'
              ? `La date limite de dépôt des lettres d'engagement était le ${formatDate(c.engagementLastDay)} : le dépôt en ligne n'est plus possible. Contactez le Smicval si besoin.`
              : 'La décision sur cette candidature a été prise : elle ne peut plus être modifiée.'}
          </Alert>
        )}
      </Stack>
    </PublicShell>
  );
}
