import {
  Alert,
  Avatar,
  Button,
  Menu,
  Modal,
  PasswordInput,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { problemMessage } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { labelOf } from '../i18n/labels';

function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { endAfterPasswordChange } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (next !== confirm) {
      setError('Les deux saisies du nouveau mot de passe sont différentes.');
      return;
    }
    setBusy(true);
    const { error: problem, response } = await api.POST('/api/auth/password', {
      body: { currentPassword: current, newPassword: next },
    });
    setBusy(false);
    if (response.status === 204) {
      onClose();
      endAfterPasswordChange();
      return;
    }
    setError(problemMessage(problem));
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Changer de mot de passe">
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <PasswordInput
            label="Mot de passe actuel"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <PasswordInput
            label="Nouveau mot de passe"
            description="De 12 à 128 caractères, pas un mot de passe courant."
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
          />
          <PasswordInput
            label="Confirmer le nouveau mot de passe"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
          />
          <Text size="sm" c="dimmed">
            Toutes vos sessions seront fermées : vous vous reconnecterez avec le nouveau mot de passe.
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Button type="submit" loading={busy}>
            Enregistrer le mot de passe
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

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
      <ChangePasswordModal opened={passwordOpened} onClose={password.close} />
    </>
  );
}
