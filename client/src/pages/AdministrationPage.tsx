import { Stack, Tabs, Title } from '@mantine/core';
import { AuditTrail } from './administration/AuditTrail';
import { UsersAdmin } from './administration/UsersAdmin';

/** /administration — the lead's accounts and the audit trail (the route is reserved to the lead). */
export function AdministrationPage() {
  return (
    <Stack gap="lg">
      <Title order={2}>Administration</Title>
      <Tabs defaultValue="comptes" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="comptes">Comptes</Tabs.Tab>
          <Tabs.Tab value="journal">Journal d&apos;audit</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="comptes" pt="md">
          <UsersAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="journal" pt="md">
          <AuditTrail />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
