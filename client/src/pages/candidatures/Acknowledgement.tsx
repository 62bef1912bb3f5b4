import { Alert, Anchor, Button, CopyButton, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { formatDate } from '../../i18n/format';
import type { PublicCall } from './types';

type Created = { editToken: string; dossierNumber: string; inBounds: boolean; email: string | null };

/**
 * The acknowledgement of receipt after the letter of intention: the dossier number, the private link, the dates
 * and what happens next, with its PDF (also e-mailed when an address was given).
 */
export function Acknowledgement({ created, call }: { created: Created; call: PublicCall }) {
  const link = `${window.location.origin}/candidater/suite/${created.editToken}`;
  return (
    <Stack gap="md">
      <Alert color="green" title="Votre lettre d'intention est bien reçue" role="status">
        Merci ! Voici votre accusé de réception. Rappelez votre numéro de dossier dans vos échanges avec le Smicval.
      </Alert>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={2} size="h3">
            Accusé de réception
          </Title>
          <Text>
            Numéro de dossier : <strong data-testid="dossier-number">{created.dossierNumber}</strong>
          </Text>
          <Text>Appel : {call.title}</Text>
          <Text size="sm">
            {created.email
              ? `Un courriel de confirmation, avec cet accusé en PDF et votre lien privé, est envoyé à ${created.email}.`
              : "Vous n'avez pas indiqué d'adresse électronique : aucun courriel ne vous sera envoyé. Elle sera demandée pour la lettre d'engagement."}
          </Text>
          <Anchor href={`/api/public/candidatures/${created.editToken}/acknowledgement`}>
            Télécharger l'accusé de réception (PDF)
          </Anchor>
        </Stack>
      </Paper>
      {!created.inBounds && (
        <Alert color="yellow" title="Taille du territoire">
          Le nombre d'habitants indiqué est hors de la fourchette de l'appel ({call.minInhabitants}–
          {call.maxInhabitants}). Votre candidature est reçue ; le comité en tiendra compte.
        </Alert>
      )}
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Votre lien privé — à conserver
          </Title>
          <Text>
            Il donne accès à votre candidature : ne le transmettez qu'aux personnes qui la préparent. Perdu ? Un nouveau
            lien peut être envoyé à l'adresse électronique indiquée.
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
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            La suite
          </Title>
          <List size="sm" type="ordered">
            <List.Item>
              Vous pouvez modifier votre lettre d'intention jusqu'au {formatDate(call.intentionDeadline)} à minuit
              (heure de Paris).
            </List.Item>
            <List.Item>
              Complétez la lettre d'engagement, avec vos pièces jointes (par exemple la délibération du conseil
              municipal), avant le {formatDate(call.engagementDeadline)} à minuit.
            </List.Item>
            <List.Item>
              Le comité de sélection étudie ensuite les candidatures ; la décision vous est communiquée par courriel.
            </List.Item>
          </List>
        </Stack>
      </Paper>
    </Stack>
  );
}
