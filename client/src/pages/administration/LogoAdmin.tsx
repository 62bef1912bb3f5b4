import { Alert, Button, FileButton, Image, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';

const LOGO_MAX_BYTES = 256 * 1024;
const logoKey = ['organisation', 'logo'] as const;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('Lecture du fichier impossible'));
    reader.readAsDataURL(file);
  });
}

/** The organisation's logo printed on the reports generated from now on (PNG or JPEG, 256 Ko at most). */
export function LogoAdmin() {
  const queryClient = useQueryClient();
  // The image's own URL, versioned by the logo's digest so a new upload shows at once.
  const current = useQuery({
    queryKey: logoKey,
    queryFn: async () => {
      const res = await fetch('/api/organisation/logo', { credentials: 'same-origin' });
      return res.ok ? `/api/organisation/logo?v=${Date.now()}` : null;
    },
  });
  const upload = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > LOGO_MAX_BYTES) throw new Error('Le logo dépasse 256 Ko.');
      const { error } = await api.PUT('/api/organisation/logo', { body: { contentBase64: await toBase64(file) } });
      if (error) throw new Error(problemMessage(error));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: logoKey }),
  });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Logo des rapports
        </Title>
        <Text size="sm" c="dimmed">
          Imprimé en couverture des rapports produits après son dépôt. Image PNG ou JPEG, 256 Ko et 4 000 pixels de côté
          au plus.
        </Text>
        {current.data ? (
          <Image src={current.data} alt="Logo actuel des rapports" maw={180} fit="contain" />
        ) : (
          <Text size="sm">Aucun logo déposé.</Text>
        )}
        <FileButton onChange={(f) => f && upload.mutate(f)} accept="image/png,image/jpeg">
          {(props) => (
            <Button {...props} variant="light" loading={upload.isPending} style={{ alignSelf: 'flex-start' }}>
              Déposer un logo
            </Button>
          )}
        </FileButton>
        {upload.error && <Alert color="red">{upload.error.message}</Alert>}
      </Stack>
    </Paper>
  );
}
