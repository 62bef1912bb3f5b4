import { Alert, Button, FileButton, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';

export const RECEIPT_MAX_BYTES = 10 * 1024 * 1024;
export const RECEIPT_ACCEPT = 'application/pdf,image/jpeg,image/png';

/** The file as base64, without the data-URL prefix the API does not want. */
function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('Lecture du fichier impossible'));
    reader.readAsDataURL(file);
  });
}

/** Sends the receipt of one entry; throws the French message of a refusal. */
export async function uploadReceipt(pilotId: string, entryId: string, file: File): Promise<void> {
  if (file.size > RECEIPT_MAX_BYTES) throw new Error('Le justificatif dépasse 10 Mo.');
  const { error } = await api.POST('/api/pilots/{id}/ledger/{entryId}/receipt', {
    params: { path: { id: pilotId, entryId } },
    body: { filename: file.name, contentBase64: await toBase64(file) },
  });
  if (error) throw new Error(problemMessage(error));
}

/** Attaches the receipt (PDF, JPEG or PNG up to 10 Mo) of one ledger entry; the server checks the type from the bytes. */
export function ReceiptUpload({ pilotId, entryId, seq }: { pilotId: string; entryId: string; seq: number }) {
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => uploadReceipt(pilotId, entryId, file),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.pilot.funding(pilotId) }),
  });
  return (
    <Stack gap={4}>
      <FileButton onChange={(f) => f && upload.mutate(f)} accept={RECEIPT_ACCEPT}>
        {(props) => (
          <Button
            {...props}
            size="compact-md"
            variant="light"
            loading={upload.isPending}
            aria-label={`Joindre un justificatif à l’écriture ${seq}`}
          >
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
