import { Alert, Anchor, Button, FileButton, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import type { components } from '../../api/schema';

type Attachment = components['schemas']['AttachmentDto'];

const MAX_BYTES = 10 * 1024 * 1024;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('Lecture du fichier impossible'));
    reader.readAsDataURL(file);
  });
}

export const fileSize = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`
    : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('fr-FR')} Ko`;

type Props = {
  editToken: string;
  attachments: Attachment[];
  /** The engagement phase is open: documents may be added or removed. */
  open: boolean;
  onChange: (attachments: Attachment[]) => void;
};

/** The documents joined to the letter of engagement, through the private link (PDF, 10 Mo at most each). */
export function AttachmentsPanel({ editToken, attachments, open, onChange }: Props) {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (file: File | null) => {
    if (!file) return;
    setMessage(null);
    if (file.size > MAX_BYTES) {
      setMessage('Une pièce jointe ne doit pas dépasser 10 Mo.');
      return;
    }
    setBusy(true);
    try {
      const { data, error } = await api.POST('/api/public/candidatures/{editToken}/attachments', {
        params: { path: { editToken } },
        body: { filename: file.name, contentBase64: await toBase64(file) },
      });
      if (error || !data) setMessage(problemMessage(error));
      else onChange([...attachments, data]);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (a: Attachment) => {
    setMessage(null);
    const { error } = await api.DELETE('/api/public/candidatures/{editToken}/attachments/{attachmentId}', {
      params: { path: { editToken, attachmentId: a.id } },
    });
    if (error) setMessage(problemMessage(error));
    else onChange(attachments.filter((x) => x.id !== a.id));
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Pièces jointes
        </Title>
        <Text size="sm">
          Par exemple la délibération du conseil municipal. Fichiers PDF uniquement, 10 Mo au plus chacun.
        </Text>
        {message && (
          <Alert color="red" role="alert" title="Pièce jointe refusée">
            {message}
          </Alert>
        )}
        {attachments.length === 0 ? (
          <Text size="sm" c="dimmed">
            Aucune pièce jointe.
          </Text>
        ) : (
          <List size="sm" spacing="xs">
            {attachments.map((a) => (
              <List.Item key={a.id}>
                <Group gap="xs" wrap="wrap">
                  <Anchor href={`/api/public/candidatures/${editToken}/attachments/${a.id}`}>{a.filename}</Anchor>
                  <Text size="sm" c="dimmed">
                    ({fileSize(a.sizeBytes)})
                  </Text>
                  {open && (
                    <Button variant="subtle" color="red" size="compact-sm" onClick={() => void remove(a)}>
                      Retirer {a.filename}
                    </Button>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        {open && (
          <FileButton onChange={(f) => void add(f)} accept="application/pdf">
            {(props) => (
              <Button {...props} variant="light" loading={busy} style={{ alignSelf: 'flex-start' }}>
                Ajouter un PDF
              </Button>
            )}
          </FileButton>
        )}
      </Stack>
    </Paper>
  );
}
