import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { setServerErrors, useSchemaForm, useSingleSubmit } from '../../forms/schemaForm';
import { formMessages } from '../../i18n/formMessages';
import { PublicShell } from './PublicShell';
import { lostLinkSchema, type LostLinkValues } from './publicSchemas';

/** /candidater/lien-perdu — a fresh private link, sent to the address given with the candidature. */
export function LostLinkPage() {
  const form = useSchemaForm<LostLinkValues>(lostLinkSchema, { email: '', dossierNumber: '' });
  const [answer, setAnswer] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { busy, run } = useSingleSubmit();

  const submit = form.onSubmit(
    (v) =>
      void run(async () => {
        setMessage(null);
        const { data, error } = await api.POST('/api/public/lost-links', {
          body: { email: v.email.trim(), ...(v.dossierNumber.trim() ? { dossierNumber: v.dossierNumber.trim() } : {}) },
        });
        if (error || !data) {
          setServerErrors(form, error);
          setMessage(problemMessage(error));
        } else setAnswer(data.message);
      }),
    () => setMessage(formMessages.invalidSummary),
  );

  return (
    <PublicShell>
      <Stack gap="md">
        <Title order={2} size="h3">
          Lien perdu ?
        </Title>
        <Text>
          Indiquez l'adresse électronique donnée avec votre candidature. Un nouveau lien privé y sera envoyé, et
          l'ancien cessera de fonctionner. Avec le numéro de dossier, seul le lien de ce dossier est renouvelé.
        </Text>
        {answer ? (
          <Alert color="green" role="status" title="Demande enregistrée">
            {answer}
          </Alert>
        ) : (
          <form onSubmit={submit} noValidate aria-label="Demander un nouveau lien">
            <Stack gap="sm">
              {message && (
                <Alert color="red" role="alert" title="Envoi impossible">
                  {message}
                </Alert>
              )}
              <TextInput
                label="Adresse électronique"
                type="email"
                required
                autoComplete="email"
                {...form.getInputProps('email')}
              />
              <TextInput
                label="Numéro de dossier (facultatif)"
                description="Par exemple K-2026-0007, sur votre accusé de réception"
                autoComplete="off"
                {...form.getInputProps('dossierNumber')}
              />
              <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
                Recevoir un nouveau lien
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </PublicShell>
  );
}
