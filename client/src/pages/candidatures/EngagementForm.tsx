import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { DraftNotice } from '../../forms/DraftNotice';
import { draftKey, useDraft } from '../../forms/draft';
import { setServerErrors, useSchemaForm, useSingleSubmit } from '../../forms/schemaForm';
import { formMessages } from '../../i18n/formMessages';
import {
  actorTypeLabels,
  participationLevelLabels,
  policyLabels,
  type ActorType,
  type ParticipationLevel,
  type Policy,
} from '../../i18n/labels';
import { submitProblemMessage } from './IntentionForm';
import { ENGAGEMENT_TEXTS, engagementSchema, type EngagementText, type EngagementValues } from './publicSchemas';
import type { EngagementBody } from './types';

const EMAIL_NEEDED =
  'Indiquez une adresse électronique : la décision et, en cas de lien perdu, un nouveau lien y seront envoyés.';

type Props = {
  onSubmit: (body: EngagementBody) => Promise<unknown | null>;
  initial?: Partial<EngagementBody> | null;
  submitLabel?: string;
  /** The candidature the letter belongs to: its draft is kept on this device under this id. */
  candidatureId: string;
  /** No e-mail address is on file: the letter asks for one (the engagement phase needs it). */
  askEmail?: boolean;
};

/** The letter of engagement « ma réflexion se précise », with the call document's questions as labels. */
export function EngagementForm({
  onSubmit,
  initial,
  candidatureId,
  askEmail = false,
  submitLabel = "Envoyer la lettre d'engagement",
}: Props) {
  const form = useSchemaForm<EngagementValues>(engagementSchema, {
    hybridPolicies: initial?.hybridPolicies ?? [],
    citizenInvolvement: initial?.citizenInvolvement ?? '',
    actors: initial?.actors?.map((a) => ({ name: a.name, type: a.type, canBring: a.canBring ?? '' })) ?? [],
    ...(Object.fromEntries(ENGAGEMENT_TEXTS.map((k) => [k, initial?.[k] ?? ''])) as Record<EngagementText, string>),
    contactEmail: '',
  });
  // A long letter typed over several sittings: kept on this device (no account on the public pages).
  const draft = useDraft(form, draftKey('public', 'engagement', candidatureId));
  const [message, setMessage] = useState<string | null>(null);
  const { busy, run } = useSingleSubmit();
  const actors = form.getValues().actors;

  const text = (
    k: EngagementText,
    label: string,
    opts: { required?: boolean; description?: string; rows?: number } = {},
  ) => (
    <Textarea
      label={label}
      description={opts.description}
      required={opts.required}
      autosize
      minRows={opts.rows ?? 2}
      {...form.getInputProps(k)}
    />
  );

  const submit = form.onSubmit(
    (v) =>
      void run(async () => {
        setMessage(null);
        if (askEmail && !(v.contactEmail ?? '').trim()) {
          form.setFieldError('contactEmail', EMAIL_NEEDED);
          setMessage(formMessages.invalidSummary);
          return;
        }
        const body: EngagementBody = {
          hybridPolicies: v.hybridPolicies as Policy[],
          citizenInvolvement: v.citizenInvolvement as ParticipationLevel,
          actors: v.actors.map((a) => ({
            name: a.name.trim(),
            type: a.type as ActorType,
            ...(a.canBring.trim() ? { canBring: a.canBring.trim() } : {}),
          })),
          ...(Object.fromEntries(ENGAGEMENT_TEXTS.map((k) => [k, v[k]])) as Record<EngagementText, string>),
          ...(v.contactEmail?.trim() ? { contactEmail: v.contactEmail.trim() } : {}),
        };
        const problem = await onSubmit(body);
        if (problem) {
          setServerErrors(form, problem);
          setMessage(submitProblemMessage(problem));
        } else {
          draft.clear();
          form.resetDirty();
        }
      }),
    () => setMessage(formMessages.invalidSummary),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Lettre d'engagement">
      <Stack gap="md">
        <DraftNotice draft={draft} />
        {message && (
          <Alert color="red" role="alert" title="Envoi impossible">
            {message}
          </Alert>
        )}
        <Fieldset legend="La réflexion">
          <Stack gap="sm">
            <Checkbox.Group
              label="Quelle hybridation : quelle(s) politique(s) publique(s) complémentaire(s) à celle du Smicval ?"
              required
              {...form.getInputProps('hybridPolicies')}
            >
              <Group mt="xs" gap="md">
                {(Object.keys(policyLabels) as Policy[])
                  .filter((p) => p !== 'waste_reduction')
                  .map((p) => (
                    <Checkbox key={p} value={p} label={policyLabels[p]} />
                  ))}
              </Group>
            </Checkbox.Group>
            {text(
              'articulation',
              'Pourquoi et comment elle(s) s’articule(nt) avec la politique publique de réduction des déchets ?',
            )}
            {text('description', 'Description de la réflexion : une première idée du projet coopératif', {
              required: true,
              rows: 4,
            })}
            {text('contribution', 'Qu’est-ce que le projet coopératif peut apporter à la (les) commune(s) ?')}
          </Stack>
        </Fieldset>
        <Fieldset legend="Les acteurs">
          <Stack gap="sm">
            {actors.map((_, i) => (
              <Fieldset key={i} legend={`Acteur ${i + 1}`} variant="filled">
                <Group align="flex-end" wrap="wrap" gap="sm">
                  <TextInput
                    label={`Nom de l'acteur ${i + 1}`}
                    required
                    {...form.getInputProps(`actors.${i}.name`)}
                    style={{ flex: '1 1 14rem' }}
                  />
                  <NativeSelect
                    label="Type"
                    {...form.getInputProps(`actors.${i}.type`)}
                    data={(Object.keys(actorTypeLabels) as ActorType[]).map((t) => ({
                      value: t,
                      label: actorTypeLabels[t],
                    }))}
                  />
                  <TextInput
                    label="Ce qu'il peut apporter"
                    {...form.getInputProps(`actors.${i}.canBring`)}
                    style={{ flex: '2 1 16rem' }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={`Retirer l'acteur ${i + 1}`}
                    onClick={() => form.removeListItem('actors', i)}
                  >
                    ×
                  </ActionIcon>
                </Group>
              </Fieldset>
            ))}
            <Button
              variant="light"
              onClick={() => form.insertListItem('actors', { name: '', type: 'associative', canBring: '' })}
              style={{ alignSelf: 'flex-start' }}
            >
              Ajouter un acteur
            </Button>
            {text(
              'contributions',
              'Contributions : qu’est-ce que chacun peut apporter au projet ? Compétences, foncier, moyens humains… Quelles activités ?',
            )}
            {text(
              'existingLinks',
              'Quels liens existent déjà entre les acteurs ? Sur quoi, et quelles premières initiatives déjà engagées ?',
            )}
            <Radio.Group
              label="Implication des citoyens : dans quelle mesure envisagez-vous de les impliquer ?"
              required
              {...form.getInputProps('citizenInvolvement')}
            >
              <Group mt="xs">
                {(Object.keys(participationLevelLabels) as ParticipationLevel[]).map((l) => (
                  <Radio key={l} value={l} label={participationLevelLabels[l]} />
                ))}
              </Group>
            </Radio.Group>
            {text('involvementPoints', 'Sur quels points cette implication serait-elle particulièrement opportune ?')}
          </Stack>
        </Fieldset>
        <Fieldset legend="Le lieu">
          <Stack gap="sm">
            {text('district', 'Un quartier / lieu-dit / zonage est-il déjà pressenti ? Si oui, lequel ?')}
            {text('place', 'Un espace / lieu physique est-il déjà identifié ? Si oui, lequel ?')}
          </Stack>
        </Fieldset>
        <Fieldset legend="Coordination">
          <Stack gap="sm">
            {text('coordinator', 'Qui assumera la fonction de coordinateur ? Élu ou agent (nom, fonction, contact)')}
            {text(
              'communeCommitment',
              'Qu’est-ce que la (les) commune(s) peut (peuvent) apporter ? Ingénierie, moyens financiers, moyens humains, foncier…',
            )}
            {text('needs', 'Besoins : les premiers besoins identifiés du projet coopératif')}
          </Stack>
        </Fieldset>
        <Fieldset legend="Freins éventuels">
          <Stack gap="sm">
            {text('risks', 'Quels sont les freins / risques déjà identifiés à ce stade ?')}
            {text('mitigations', 'Quelles sont les pistes à creuser pour les lever ?')}
            {text(
              'resources',
              'Quelles seraient les ressources nécessaires pour les lever ? En interne ou en externe ?',
            )}
          </Stack>
        </Fieldset>
        {askEmail && (
          <Fieldset legend="Contact">
            <TextInput
              label="Adresse électronique de la commune"
              description="Nécessaire pour la lettre d'engagement : la décision et, en cas de lien perdu, un nouveau lien y seront envoyés."
              type="email"
              required
              autoComplete="email"
              {...form.getInputProps('contactEmail')}
            />
          </Fieldset>
        )}
        <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
