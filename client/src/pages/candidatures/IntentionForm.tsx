import { ActionIcon, Alert, Button, Fieldset, Group, Radio, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { problemFieldErrors, problemMessage } from '../../api/problem';
import type { IntentionBody } from './types';

/** « 1 280 » → 1280; null unless a whole number from 1 to 10 000 000 (spaces as thousands separators allowed). */
export function parseInhabitants(text: string): number | null {
  const digits = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d{1,8}$/.test(digits)) return null;
  const n = Number(digits);
  return n >= 1 && n <= 10_000_000 ? n : null;
}

type Props = {
  /** Sends the letter; resolves to the error body when refused, or null on success. */
  onSubmit: (body: IntentionBody) => Promise<unknown | null>;
  submitLabel?: string;
  initial?: Partial<IntentionBody>;
};

type Commune = { name: string; inseeCode: string };

/** The letter of intention « ça m'intéresse », field by field as in the call's document. */
export function IntentionForm({ onSubmit, submitLabel = "Envoyer la lettre d'intention", initial }: Props) {
  const [communes, setCommunes] = useState<Commune[]>(
    initial?.communes?.map((c) => ({ name: c.name, inseeCode: c.inseeCode ?? '' })) ?? [{ name: '', inseeCode: '' }],
  );
  // A plain text field with a numeric keyboard: the public form stays light (no number-input library).
  const [inhabitantsText, setInhabitants] = useState<string>(
    initial?.inhabitants !== undefined ? String(initial.inhabitants) : '',
  );
  const inhabitants = parseInhabitants(inhabitantsText);
  const [specifics, setSpecifics] = useState(initial?.intention?.specifics ?? '');
  const [values, setValues] = useState(initial?.intention?.values ?? '');
  const [stakes, setStakes] = useState(initial?.intention?.stakes ?? '');
  const [zeroWaste, setZeroWaste] = useState<string>(
    initial?.intention ? (initial.intention.zeroWasteCommune ? 'oui' : 'non') : '',
  );
  const [contactName, setContactName] = useState(initial?.contactName ?? '');
  const [contactEmail, setContactEmail] = useState(initial?.contactEmail ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setCommune = (i: number, patch: Partial<Commune>) =>
    setCommunes((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (zeroWaste === '') local['intention.zeroWasteCommune'] = 'Indiquez oui ou non.';
    if (inhabitants === null)
      local.inhabitants = "Indiquez le nombre d'habitants concernés : un nombre entier, de 1 à 10 000 000.";
    communes.forEach((c, i) => {
      if (!c.name.trim()) local[`communes.${i}.name`] = 'Indiquez le nom de la commune.';
    });
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setMessage('Certaines informations manquent : voyez les champs signalés.');
      return;
    }
    setBusy(true);
    const body: IntentionBody = {
      communes: communes.map((c) => ({
        name: c.name.trim(),
        ...(c.inseeCode.trim() ? { inseeCode: c.inseeCode.trim() } : {}),
      })),
      inhabitants: inhabitants as number,
      intention: { specifics, values, stakes, zeroWasteCommune: zeroWaste === 'oui' },
      ...(contactName.trim() ? { contactName: contactName.trim() } : {}),
      ...(contactEmail.trim() ? { contactEmail: contactEmail.trim() } : {}),
    };
    const problem = await onSubmit(body);
    setBusy(false);
    if (problem) {
      setErrors(problemFieldErrors(problem));
      const detail =
        (problem as { code?: string; detail?: string }).code === 'deadline_passed'
          ? (problem as { detail?: string }).detail
          : undefined;
      setMessage(detail ?? problemMessage(problem));
    } else {
      setErrors({});
      setMessage(null);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Lettre d'intention">
      <Stack gap="md">
        {message && (
          <Alert color="red" role="alert" title="Envoi impossible">
            {message}
          </Alert>
        )}
        <Fieldset legend="Présentation de la commune ou du regroupement de communes">
          <Stack gap="sm">
            {communes.map((c, i) => (
              <Group key={i} align="flex-end" wrap="wrap" gap="sm">
                <TextInput
                  label={communes.length > 1 ? `Nom de la commune ${i + 1}` : 'Nom de la (des) commune(s)'}
                  required
                  value={c.name}
                  onChange={(e) => setCommune(i, { name: e.currentTarget.value })}
                  error={errors[`communes.${i}.name`] ?? (i === 0 ? errors.communes : undefined)}
                  style={{ flex: '1 1 16rem' }}
                />
                <TextInput
                  label="Code INSEE (facultatif)"
                  value={c.inseeCode}
                  onChange={(e) => setCommune(i, { inseeCode: e.currentTarget.value })}
                  error={errors[`communes.${i}.inseeCode`]}
                  maxLength={5}
                  style={{ flex: '0 1 10rem' }}
                />
                {communes.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={`Retirer la commune ${i + 1}`}
                    onClick={() => setCommunes((cs) => cs.filter((_, j) => j !== i))}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            ))}
            <Button
              variant="light"
              onClick={() => setCommunes((cs) => [...cs, { name: '', inseeCode: '' }])}
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
              value={inhabitantsText}
              onChange={(e) => setInhabitants(e.currentTarget.value)}
              error={errors.inhabitants}
            />
            <Textarea
              label="Spécificités de la (des) commune(s) et de ses habitants"
              autosize
              minRows={3}
              value={specifics}
              onChange={(e) => setSpecifics(e.currentTarget.value)}
              error={errors['intention.specifics']}
            />
            <Textarea
              label="Valeurs et engagements de la (des) commune(s)"
              autosize
              minRows={3}
              value={values}
              onChange={(e) => setValues(e.currentTarget.value)}
              error={errors['intention.values']}
            />
            <Textarea
              label="Enjeux de territoire / politiques publiques prioritaires de la (des) commune(s)"
              autosize
              minRows={3}
              value={stakes}
              onChange={(e) => setStakes(e.currentTarget.value)}
              error={errors['intention.stakes']}
            />
            <Radio.Group
              label="Territoire engagé « Ma commune Zero Waste »"
              required
              value={zeroWaste}
              onChange={setZeroWaste}
              error={errors['intention.zeroWasteCommune']}
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
            <TextInput
              label="Nom et fonction"
              value={contactName}
              onChange={(e) => setContactName(e.currentTarget.value)}
              error={errors.contactName}
              autoComplete="name"
            />
            <TextInput
              label="Adresse électronique"
              type="email"
              value={contactEmail}
              onChange={(e) => setContactEmail(e.currentTarget.value)}
              error={errors.contactEmail}
              autoComplete="email"
            />
          </Stack>
        </Fieldset>
        <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
