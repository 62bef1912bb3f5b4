import { Alert, Button, FileButton, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';

const MAX_BYTES = 10 * 1024 * 1024;

/** The file as base64, without the data-URL prefix the API does not want. */
function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('Lecture du fichier impossible'));
    reader.readAsDataURL(file);
  });
}

/** Attaches the receipt (PDF, JPEG or PNG up to 10 Mo) of one ledger entry; the server checks the type from the bytes. */
export function ReceiptUpload({ pilotId, entryId, seq }: { pilotId: string; entryId: string; seq: number }) {
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > MAX_BYTES) throw new Error('Le justificatif dépasse 10 Mo.');
      const { error } = await api.POST('/api/pilots/{id}/ledger/{entryId}/receipt', {
        params: { path: { id: pilotId, entryId } },
        body: { filename: file.name, contentBase64: await toBase64(file) },
      });
      if (error) throw new Error(problemMessage(error));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['funding', pilotId] }),
  });
  return (
    <Stack gap={4}>
      <FileButton onChange={(f) => f && upload.mutate(f)} accept="application/pdf,image/jpeg,image/png">
        {(props) => (
          <Button {...props} size="xs" variant="subtle" loading={upload.isPending} aria-label={`Joindre un justificatif à l’écriture ${seq}`}>
            Joindre
          </Button>
        )}
      </FileButton>
      {upload.error && (
        <Alert color="red" p={4}>
          {upload.error.message}
        </Alert>
      )}
    </Stack>
  );
}
