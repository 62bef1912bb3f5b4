import { Stack, Tabs, Title } from '@mantine/core';
import { AuditTrail } from './administration/AuditTrail';
import { LogoAdmin } from './administration/LogoAdmin';
import { UsersAdmin } from './administration/UsersAdmin';

/** /administration — the lead's accounts, the audit trail and the reports' logo (the route is reserved to the lead). */
export function AdministrationPage() {
  return (
    <Stack gap="lg">
      <Title order={2}>Administration</Title>
      <Tabs defaultValue="comptes" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="comptes">Comptes</Tabs.Tab>
          <Tabs.Tab value="journal">Journal d&apos;audit</Tabs.Tab>
          <Tabs.Tab value="logo">Logo des rapports</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="comptes" pt="md">
          <UsersAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="journal" pt="md">
          <AuditTrail />
        </Tabs.Panel>
        <Tabs.Panel value="logo" pt="md">
          <LogoAdmin />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
