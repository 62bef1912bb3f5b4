import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Stack gap="sm">
      <Title order={2}>Page introuvable</Title>
      <Text>La page demandée n'existe pas.</Text>
      <Anchor component={Link} to="/">
        Retour à l'accueil
      </Anchor>
    </Stack>
  );
}
