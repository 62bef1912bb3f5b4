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
import { useState, type FormEvent } from 'react';
import { problemFieldErrors, problemMessage } from '../../api/problem';
import {
  actorTypeLabels,
  participationLevelLabels,
  policyLabels,
  type ActorType,
  type ParticipationLevel,
  type Policy,
} from '../../i18n/labels';
import type { EngagementBody } from './types';

type Props = {
  onSubmit: (body: EngagementBody) => Promise<unknown | null>;
  initial?: Partial<EngagementBody> | null;
  submitLabel?: string;
};

type TextField =
  | 'articulation'
  | 'description'
  | 'contribution'
  | 'contributions'
  | 'existingLinks'
  | 'involvementPoints'
  | 'district'
  | 'place'
  | 'coordinator'
  | 'communeCommitment'
  | 'needs'
  | 'risks'
  | 'mitigations'
  | 'resources';

type Actor = { name: string; type: ActorType; canBring: string };

const TEXTS: TextField[] = [
  'articulation',
  'description',
  'contribution',
  'contributions',
  'existingLinks',
  'involvementPoints',
  'district',
  'place',
  'coordinator',
  'communeCommitment',
  'needs',
  'risks',
  'mitigations',
  'resources',
];

/** The letter of engagement « ma réflexion se précise », with the call document's questions as labels. */
export function EngagementForm({ onSubmit, initial, submitLabel = "Envoyer la lettre d'engagement" }: Props) {
  const [policies, setPolicies] = useState<string[]>(initial?.hybridPolicies ?? []);
  const [texts, setTexts] = useState<Record<TextField, string>>(
    () => Object.fromEntries(TEXTS.map((k) => [k, initial?.[k] ?? ''])) as Record<TextField, string>,
  );
  const [actors, setActors] = useState<Actor[]>(
    initial?.actors?.map((a) => ({ name: a.name, type: a.type, canBring: a.canBring ?? '' })) ?? [],
  );
  const [involvement, setInvolvement] = useState<string>(initial?.citizenInvolvement ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const text = (
    k: TextField,
    label: string,
    opts: { required?: boolean; description?: string; rows?: number } = {},
  ) => (
    <Textarea
      label={label}
      description={opts.description}
      required={opts.required}
      autosize
      minRows={opts.rows ?? 2}
      value={texts[k]}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setTexts((t) => ({ ...t, [k]: v }));
      }}
      error={errors[k]}
    />
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (policies.length === 0) local.hybridPolicies = 'Choisissez au moins une politique publique.';
    if (!texts.description.trim()) local.description = 'Décrivez une première idée du projet coopératif.';
    if (!involvement) local.citizenInvolvement = "Choisissez un niveau d'implication des citoyens.";
    actors.forEach((a, i) => {
      if (!a.name.trim()) local[`actors.${i}.name`] = "Indiquez le nom de l'acteur.";
    });
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setMessage('Certaines informations manquent : voyez les champs signalés.');
      return;
    }
    setBusy(true);
    const body: EngagementBody = {
      hybridPolicies: policies as Policy[],
      citizenInvolvement: involvement as ParticipationLevel,
      actors: actors.map((a) => ({
        name: a.name.trim(),
        type: a.type,
        ...(a.canBring.trim() ? { canBring: a.canBring.trim() } : {}),
      })),
      ...(Object.fromEntries(TEXTS.map((k) => [k, texts[k]])) as Record<TextField, string>),
    };
    const problem = await onSubmit(body);
    setBusy(false);
    if (problem) {
      setErrors(problemFieldErrors(problem));
      const p = problem as { code?: string; detail?: string };
      setMessage(p.code === 'deadline_passed' && p.detail ? p.detail : problemMessage(problem));
    } else {
      setErrors({});
      setMessage(null);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Lettre d'engagement">
      <Stack gap="md">
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
              value={policies}
              onChange={setPolicies}
              error={errors.hybridPolicies}
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
            {actors.map((a, i) => (
              <Fieldset key={i} legend={`Acteur ${i + 1}`} variant="filled">
                <Group align="flex-end" wrap="wrap" gap="sm">
                  <TextInput
                    label={`Nom de l'acteur ${i + 1}`}
                    required
                    value={a.name}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setActors((as) => as.map((x, j) => (j === i ? { ...x, name: v } : x)));
                    }}
                    error={errors[`actors.${i}.name`]}
                    style={{ flex: '1 1 14rem' }}
                  />
                  <NativeSelect
                    label="Type"
                    value={a.type}
                    data={(Object.keys(actorTypeLabels) as ActorType[]).map((t) => ({
                      value: t,
                      label: actorTypeLabels[t],
                    }))}
                    onChange={(e) => {
                      const v = e.currentTarget.value as ActorType;
                      setActors((as) => as.map((x, j) => (j === i ? { ...x, type: v } : x)));
                    }}
                    error={errors[`actors.${i}.type`]}
                  />
                  <TextInput
                    label="Ce qu'il peut apporter"
                    value={a.canBring}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setActors((as) => as.map((x, j) => (j === i ? { ...x, canBring: v } : x)));
                    }}
                    style={{ flex: '2 1 16rem' }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={`Retirer l'acteur ${i + 1}`}
                    onClick={() => setActors((as) => as.filter((_, j) => j !== i))}
                  >
                    ×
                  </ActionIcon>
                </Group>
              </Fieldset>
            ))}
            <Button
              variant="light"
              onClick={() => setActors((as) => [...as, { name: '', type: 'associative', canBring: '' }])}
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
              value={involvement}
              onChange={setInvolvement}
              error={errors.citizenInvolvement}
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
        <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
