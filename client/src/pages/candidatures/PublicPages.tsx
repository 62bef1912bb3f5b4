import { Alert, Anchor, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { formatDate } from '../../i18n/format';
import { Acknowledgement } from './Acknowledgement';
import { AttachmentsPanel } from './AttachmentsPanel';
import { EngagementForm } from './EngagementForm';
import { IntentionForm } from './IntentionForm';
import { CallSummary, PublicShell, useRecord } from './PublicShell';

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

/** /candidater/:callId — the letter of intention, without an account. */
export function PublicIntentionPage({ callId }: { callId: string }) {
  const call = useRecord(async () => {
    const { data, error } = await api.GET('/api/public/calls/{id}', { params: { path: { id: callId } } });
    if (error || !data) throw new Error(problemMessage(error));
    return data;
  }, callId);
  const [created, setCreated] = useState<{
    editToken: string;
    dossierNumber: string;
    inBounds: boolean;
    email: string | null;
  } | null>(null);

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
    return (
      <PublicShell>
        <Acknowledgement created={created} call={call.data} />
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
              draftFor={callId}
              privacyLink
              onSubmit={async (body) => {
                const { data, error } = await api.POST('/api/public/calls/{id}/candidatures', {
                  params: { path: { id: callId } },
                  body,
                });
                if (error || !data) return error ?? {};
                setCreated({
                  editToken: data.editToken,
                  dossierNumber: data.dossierNumber,
                  inBounds: data.eligibility.inBounds,
                  email: body.contactEmail ?? null,
                });
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
          Ce lien de candidature est invalide ou a été remplacé. Vérifiez qu'il est complet, ou{' '}
          <Anchor href="/candidater/lien-perdu">demandez un nouveau lien</Anchor>.
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
            Dossier <strong data-testid="dossier-number">{c.dossierNumber}</strong>
          </Text>
          <Text>
            Candidature de <strong>{c.communes.map((x) => x.name).join(', ')}</strong> —{' '}
            {c.inhabitants.toLocaleString('fr-FR')} habitants concernés.
          </Text>
          <Text size="sm" c="dimmed">
            {c.engagement
              ? "Votre lettre d'engagement est enregistrée ; vous pouvez la modifier jusqu'à la date limite."
              : "Votre lettre d'intention est enregistrée."}
          </Text>
          <Anchor href={`/api/public/candidatures/${editToken}/acknowledgement`} size="sm">
            Télécharger l'accusé de réception (PDF)
          </Anchor>
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
            askEmail={!c.hasContactEmail}
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
        <AttachmentsPanel
          editToken={editToken}
          attachments={c.attachments}
          open={c.engagementOpen}
          onChange={(attachments) => candidature.set({ ...c, attachments })}
        />
      </Stack>
    </PublicShell>
  );
}
