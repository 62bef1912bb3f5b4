import { Stack, Text, Title } from '@mantine/core';

type ComingSoonProps = {
  title: string;
};

export function ComingSoon({ title }: ComingSoonProps) {
  return (
    <Stack gap="sm">
      <Title order={2}>{title}</Title>
      <Text>Cette rubrique arrive bientôt.</Text>
    </Stack>
  );
}
