import { ActionIcon, Alert, Anchor, Button, Fieldset, Group, Radio, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { problemMessage } from '../../api/problem';
import { DraftNotice } from '../../forms/DraftNotice';
import { draftKey, useDraft } from '../../forms/draft';
import { setServerErrors, useSchemaForm, useSingleSubmit } from '../../forms/schemaForm';
import { formMessages } from '../../i18n/formMessages';
import { intentionSchema, parseInhabitants, type IntentionValues } from './publicSchemas';
import type { IntentionBody } from './types';

export { parseInhabitants } from './publicSchemas';

type Props = {
  /** Sends the letter; resolves to the error body when refused, or null on success. */
  onSubmit: (body: IntentionBody) => Promise<unknown | null>;
  submitLabel?: string;
  initial?: Partial<IntentionBody>;
  /** Keeps a draft on this device under this key (the public form, by call); none when absent. */
  draftFor?: string;
  /** Shows the personal-data notice's link (the public form). */
  privacyLink?: boolean;
};

// The API's field names → the form's (the letter's texts are nested under `intention` in the body).
const SERVER_FIELDS: Record<string, string> = {
  communes: 'communes.0.name',
  'intention.specifics': 'specifics',
  'intention.values': 'values',
  'intention.stakes': 'stakes',
  'intention.zeroWasteCommune': 'zeroWasteCommune',
};

/** A refusal's French message: the deadline's own wording when the phase has closed, else the catalogue's. */
export function submitProblemMessage(problem: unknown): string {
  const p = problem as { code?: string; detail?: string };
  return p.code === 'deadline_passed' && p.detail ? p.detail : problemMessage(problem);
}

/** The letter of intention « ça m'intéresse », field by field as in the call's document. */
export function IntentionForm({
  onSubmit,
  submitLabel = "Envoyer la lettre d'intention",
  initial,
  draftFor,
  privacyLink = false,
}: Props) {
  const form = useSchemaForm<IntentionValues>(intentionSchema, {
    communes: initial?.communes?.map((c) => ({ name: c.name, inseeCode: c.inseeCode ?? '' })) ?? [
      { name: '', inseeCode: '' },
    ],
    // A plain text field with a numeric keyboard: the public form stays light (no number-input library).
    inhabitants: initial?.inhabitants !== undefined ? String(initial.inhabitants) : '',
    specifics: initial?.intention?.specifics ?? '',
    values: initial?.intention?.values ?? '',
    stakes: initial?.intention?.stakes ?? '',
    zeroWasteCommune: initial?.intention ? (initial.intention.zeroWasteCommune ? 'oui' : 'non') : '',
    contactName: initial?.contactName ?? '',
    contactEmail: initial?.contactEmail ?? '',
  });
  // A letter typed over several sittings stays on this device until it is sent.
  const draft = useDraft(form, draftFor ? draftKey('public', 'intention', draftFor) : null);
  const [message, setMessage] = useState<string | null>(null);
  const { busy, run } = useSingleSubmit();
  const communes = form.getValues().communes;

  const submit = form.onSubmit(
    (v) =>
      void run(async () => {
        setMessage(null);
        const body: IntentionBody = {
          communes: v.communes.map((c) => ({
            name: c.name.trim(),
            ...(c.inseeCode.trim() ? { inseeCode: c.inseeCode.trim() } : {}),
          })),
          inhabitants: parseInhabitants(v.inhabitants)!,
          intention: {
            specifics: v.specifics,
            values: v.values,
            stakes: v.stakes,
            zeroWasteCommune: v.zeroWasteCommune === 'oui',
          },
          ...(v.contactName.trim() ? { contactName: v.contactName.trim() } : {}),
          ...(v.contactEmail.trim() ? { contactEmail: v.contactEmail.trim() } : {}),
        };
        const problem = await onSubmit(body);
        if (problem) {
          setServerErrors(form, problem, SERVER_FIELDS);
          setMessage(submitProblemMessage(problem));
        } else {
          draft.clear();
          form.resetDirty();
        }
      }),
    () => setMessage(formMessages.invalidSummary),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Lettre d'intention">
      <Stack gap="md">
        {draftFor && <DraftNotice draft={draft} />}
        {message && (
          <Alert color="red" role="alert" title="Envoi impossible">
            {message}
          </Alert>
        )}
        <Fieldset legend="Présentation de la commune ou du regroupement de communes">
          <Stack gap="sm">
            {communes.map((_, i) => (
              <Group key={i} align="flex-end" wrap="wrap" gap="sm">
                <TextInput
                  label={communes.length > 1 ? `Nom de la commune ${i + 1}` : 'Nom de la (des) commune(s)'}
                  required
                  {...form.getInputProps(`communes.${i}.name`)}
                  style={{ flex: '1 1 16rem' }}
                />
                <TextInput
                  label="Code INSEE (facultatif)"
                  {...form.getInputProps(`communes.${i}.inseeCode`)}
                  maxLength={5}
                  style={{ flex: '0 1 10rem' }}
                />
                {communes.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={`Retirer la commune ${i + 1}`}
                    onClick={() => form.removeListItem('communes', i)}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            ))}
            <Button
              variant="light"
              onClick={() => form.insertListItem('communes', { name: '', inseeCode: '' })}
              style={{ alignSelf: 'flex-start' }}
            >
              Ajouter une commune
            </Button>
            <TextInput
              label="Nombre d'habitants concernés"
              description="Regroupement de communes, commune ou partie de commune"
              required
              inputMode="numeric"
              autoComplete="off"
              {...form.getInputProps('inhabitants')}
            />
            <Textarea
              label="Spécificités de la (des) commune(s) et de ses habitants"
              autosize
              minRows={3}
              {...form.getInputProps('specifics')}
            />
            <Textarea
              label="Valeurs et engagements de la (des) commune(s)"
              autosize
              minRows={3}
              {...form.getInputProps('values')}
            />
            <Textarea
              label="Enjeux de territoire / politiques publiques prioritaires de la (des) commune(s)"
              autosize
              minRows={3}
              {...form.getInputProps('stakes')}
            />
            <Radio.Group
              label="Territoire engagé « Ma commune Zero Waste »"
              required
              {...form.getInputProps('zeroWasteCommune')}
            >
              <Group mt="xs">
                <Radio value="oui" label="Oui" />
                <Radio value="non" label="Non" />
              </Group>
            </Radio.Group>
          </Stack>
        </Fieldset>
        <Fieldset legend="Contact (pour que le Smicval puisse vous joindre)">
          <Stack gap="sm">
            <TextInput label="Nom et fonction" {...form.getInputProps('contactName')} autoComplete="name" />
            <TextInput
              label="Adresse électronique"
              type="email"
              description="Pour recevoir l'accusé de réception, votre lien privé et la décision ; nécessaire pour la lettre d'engagement."
              {...form.getInputProps('contactEmail')}
              autoComplete="email"
            />
            {privacyLink && (
              <Anchor href="/candidater/donnees-personnelles" size="sm" target="_blank">
                Comment le Smicval traite vos données personnelles
              </Anchor>
            )}
          </Stack>
        </Fieldset>
        <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
