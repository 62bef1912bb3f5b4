import {
  Alert,
  Button,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { z } from 'zod';
import { api } from '../../api/client';
import { formMessages } from '../../i18n/formMessages';
import { actorTypeLabels, contributionKindLabels, type ActorType, type ContributionKind } from '../../i18n/labels';
import { unwrap, type Actor, type ActorNetwork } from './pilotsApi';
import { usePilotSchemaForm } from './usePilot';

const typeOptions = Object.entries(actorTypeLabels).map(([value, label]) => ({ value, label }));
const kindOptions = Object.entries(contributionKindLabels).map(([value, label]) => ({ value, label }));
const ACTOR_TYPES = Object.keys(actorTypeLabels) as [ActorType, ...ActorType[]];
const KINDS = Object.keys(contributionKindLabels) as [ContributionKind, ...ContributionKind[]];

/** The rules of the actors' forms (the server's limits), in French; the server checks them again. */
export const actorSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Donnez le nom de l’acteur.' })
    .max(200, { error: formMessages.tooLong(200) }),
  type: z.enum(ACTOR_TYPES, { error: 'Choisissez un type d’acteur.' }),
  contact: z
    .string()
    .trim()
    .max(500, { error: formMessages.tooLong(500) }),
  description: z
    .string()
    .trim()
    .max(5000, { error: formMessages.tooLong(5000) }),
  publicConsent: z.enum(['non', 'oui']),
});

const optionalNumber = (max: number, maxText: string) =>
  z.union([
    z.literal(''),
    z
      .number({ error: 'Un nombre, ou rien.' })
      .min(0, { error: 'Un nombre positif ou nul.' })
      .max(max, { error: maxText }),
  ]);

export const contributionSchema = z.object({
  actorId: z.string().min(1, { error: 'Choisissez un acteur.' }),
  kind: z.enum(KINDS, { error: 'Choisissez ce que l’acteur apporte.' }),
  description: z
    .string()
    .trim()
    .min(1, { error: 'Décrivez ce que l’acteur apporte.' })
    .max(2000, { error: formMessages.tooLong(2000) }),
  euros: optionalNumber(1_000_000_000, 'Au plus 1 000 000 000 €.'),
  hours: optionalNumber(100_000, formMessages.atMost(100_000)),
  year: z
    .number({ error: 'Indiquez l’année du projet.' })
    .int({ error: formMessages.wholeNumber })
    .min(1, { error: formMessages.atLeast(1) })
    .max(10, { error: formMessages.atMost(10) }),
});

export const linkSchema = z
  .object({
    fromActorId: z.string().min(1, { error: 'Choisissez un acteur.' }),
    toActorId: z.string().min(1, { error: 'Choisissez un acteur.' }),
    nature: z
      .string()
      .trim()
      .min(1, { error: 'Dites sur quoi ils travaillent ensemble.' })
      .max(500, { error: formMessages.tooLong(500) }),
  })
  .refine((v) => v.fromActorId !== v.toActorId, {
    error: 'Choisissez deux acteurs différents.',
    path: ['toActorId'],
  });

function Refusal({ problem }: { problem: string | null }) {
  return problem ? (
    <Alert color="red" role="alert">
      {problem}
    </Alert>
  ) : null;
}

/** Adds an actor, or edits one when `actor` is given. */
export function ActorModal({
  id,
  actor,
  opened,
  onClose,
}: {
  id: string;
  actor?: Actor | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { form, submit, pending, problem } = usePilotSchemaForm({
    id,
    schema: actorSchema,
    initialValues: {
      name: actor?.name ?? '',
      type: (actor?.type as ActorType) ?? 'associative',
      contact: actor?.contact ?? '',
      description: actor?.description ?? '',
      publicConsent: actor?.publicConsent ? 'oui' : 'non',
    } as z.input<typeof actorSchema>,
    send: async (v) => {
      const body = {
        ...v,
        contact: v.contact || null,
        description: v.description || null,
        publicConsent: v.publicConsent === 'oui',
      };
      if (actor)
        return unwrap(
          await api.PATCH('/api/pilots/{id}/actors/{actorId}', { params: { path: { id, actorId: actor.id } }, body }),
        );
      return unwrap(await api.POST('/api/pilots/{id}/actors', { params: { path: { id } }, body }));
    },
    confirm: (a) => (actor ? `Acteur « ${a.name} » modifié.` : `Acteur « ${a.name} » ajouté.`),
    after: onClose,
  });
  return (
    <Modal opened={opened} onClose={onClose} title={actor ? 'Modifier l’acteur' : 'Ajouter un acteur'}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label="Nom" required {...form.getInputProps('name')} />
          <NativeSelect label="Type d’acteur" data={typeOptions} {...form.getInputProps('type')} />
          <TextInput label="Contact" placeholder="Nom, courriel ou téléphone" {...form.getInputProps('contact')} />
          <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
          <NativeSelect
            label="Page publique du projet"
            description="Seulement si l’acteur l’a accepté ; sinon il n’est que compté dans les totaux."
            data={[
              { value: 'non', label: 'Compté, sans son nom' },
              { value: 'oui', label: 'Nommé : l’acteur l’a accepté' },
            ]}
            {...form.getInputProps('publicConsent')}
          />
          <Refusal problem={problem} />
          <Group justify="flex-end">
            <Button type="submit" loading={pending}>
              {actor ? 'Enregistrer' : 'Ajouter'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

type ContributionValues = {
  actorId: string;
  kind: ContributionKind;
  description: string;
  euros: number | '';
  hours: number | '';
  year: number | '';
};

export function ContributionModal({
  id,
  network,
  opened,
  onClose,
  currentYear,
}: {
  id: string;
  network: ActorNetwork;
  opened: boolean;
  onClose: () => void;
  currentYear: number;
}) {
  const { form, submit, pending, problem } = usePilotSchemaForm({
    id,
    schema: contributionSchema as unknown as z.ZodType<z.output<typeof contributionSchema>, ContributionValues>,
    initialValues: {
      actorId: network.nodes[0]?.id ?? '',
      kind: 'skills',
      description: '',
      euros: '',
      hours: '',
      year: currentYear,
    } as ContributionValues,
    send: async ({ euros, hours, ...v }) =>
      unwrap(
        await api.POST('/api/pilots/{id}/contributions', {
          params: { path: { id } },
          body: {
            ...v,
            valueCents: euros === '' ? null : Math.round(euros * 100),
            hours: hours === '' ? null : hours,
          },
        }),
      ),
    confirm: () => 'Contribution enregistrée.',
    after: onClose,
    fieldMap: { valueCents: 'euros' },
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Ajouter une contribution">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <NativeSelect
            label="Acteur"
            required
            data={network.nodes.map((a) => ({ value: a.id, label: a.name }))}
            {...form.getInputProps('actorId')}
          />
          <NativeSelect label="Ce qu’il apporte" data={kindOptions} {...form.getInputProps('kind')} />
          <Textarea label="Description" required autosize minRows={2} {...form.getInputProps('description')} />
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <NumberInput
              label="Valeur (€)"
              decimalScale={2}
              allowNegative={false}
              decimalSeparator=","
              thousandSeparator=" "
              {...form.getInputProps('euros')}
            />
            <NumberInput
              label="Heures"
              decimalScale={2}
              allowNegative={false}
              decimalSeparator=","
              {...form.getInputProps('hours')}
            />
            <NumberInput label="Année du projet" allowDecimal={false} {...form.getInputProps('year')} />
          </SimpleGrid>
          <Refusal problem={problem} />
          <Group justify="flex-end">
            <Button type="submit" loading={pending}>
              Enregistrer
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function LinkModal({
  id,
  network,
  opened,
  onClose,
}: {
  id: string;
  network: ActorNetwork;
  opened: boolean;
  onClose: () => void;
}) {
  const options = network.nodes.map((a) => ({ value: a.id, label: a.name }));
  const { form, submit, pending, problem } = usePilotSchemaForm({
    id,
    schema: linkSchema,
    initialValues: {
      fromActorId: options[0]?.value ?? '',
      toActorId: options[1]?.value ?? '',
      nature: '',
    } as z.input<typeof linkSchema>,
    send: async (body) => unwrap(await api.POST('/api/pilots/{id}/actor-links', { params: { path: { id } }, body })),
    confirm: () => 'Lien enregistré.',
    after: onClose,
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Relier deux acteurs">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <NativeSelect label="Acteur" data={options} {...form.getInputProps('fromActorId')} />
          <NativeSelect label="travaille déjà avec" data={options} {...form.getInputProps('toActorId')} />
          <TextInput
            label="Sur quoi"
            required
            placeholder="Organisent ensemble la bourse aux jouets"
            {...form.getInputProps('nature')}
          />
          <Refusal problem={problem} />
          <Group justify="flex-end">
            <Button type="submit" loading={pending}>
              Relier
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
