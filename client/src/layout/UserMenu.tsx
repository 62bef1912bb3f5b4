import { Avatar, Menu, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { labelOf } from '../i18n/labels';

// The password dialog (with its form library and schema) loads when first opened.
const ChangePasswordModal = lazy(async () => ({
  default: (await import('./ChangePasswordModal')).ChangePasswordModal,
}));

/** Name and role of the signed-in user, with their account actions. */
export function UserMenu() {
  const { user, signOut } = useAuth();
  const [passwordOpened, password] = useDisclosure(false);
  if (!user) return null;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          {/* Named by its content, so the visible name and role are part of the accessible name (WCAG 2.5.3). */}
          <UnstyledButton data-testid="user-menu">
            <Avatar name={user.name} color="teal" variant="filled" size="md" hiddenFrom="md" aria-hidden="true" />
            <VisuallyHidden hiddenFrom="md">{user.name}</VisuallyHidden>
            <Stack gap={0} align="flex-end" visibleFrom="md">
              <Text fw={600} size="sm" style={{ whiteSpace: 'nowrap' }}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {labelOf('role', user.role)}
              </Text>
            </Stack>
            <VisuallyHidden> : menu du compte</VisuallyHidden>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{user.email}</Menu.Label>
          <Menu.Item onClick={password.open}>Changer de mot de passe</Menu.Item>
          <Menu.Item component={Link} to="/compte/jetons">
            Jetons d&apos;accès
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" onClick={() => void signOut()}>
            Se déconnecter
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {passwordOpened && (
        <Suspense fallback={null}>
          <ChangePasswordModal opened onClose={password.close} />
        </Suspense>
      )}
    </>
  );
}
