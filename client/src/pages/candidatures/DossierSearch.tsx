import { Button, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';

/** Opens a candidature from its dossier number (K-2026-0007), as a commune quotes it on the phone. */
export function DossierSearch() {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const number = value.trim();
    if (!/^K-\d{4}-\d{4}$/i.test(number)) {
      setMessage('Un numéro de dossier s’écrit comme K-2026-0007.');
      return;
    }
    setBusy(true);
    const { data, error } = await api.GET('/api/dossiers/{dossierNumber}', {
      params: { path: { dossierNumber: number } },
    });
    setBusy(false);
    if (error || !data) setMessage(problemMessage(error));
    else void navigate(`/candidatures/${data.id}`);
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Rechercher un dossier" noValidate>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Numéro de dossier"
          placeholder="K-2026-0007"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={message}
          style={{ flex: '0 1 16rem' }}
        />
        <Button type="submit" variant="light" loading={busy}>
          Ouvrir le dossier
        </Button>
      </Group>
    </form>
  );
}
