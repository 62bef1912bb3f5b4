import { Alert, Button, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { z } from 'zod';
import { api } from '../api/client';
import { problemMessage } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { setServerErrors, useSchemaForm, useSingleSubmit } from '../forms/schemaForm';
import { formMessages } from '../i18n/formMessages';

/** The new password's rules, in French; the server checks them again (and refuses a common password). */
const passwordSchema = z
  .object({
    currentPassword: z.string().min(1, { error: 'Saisissez votre mot de passe actuel.' }),
    newPassword: z
      .string()
      .min(12, { error: 'Au moins 12 caractères.' })
      .max(128, { error: formMessages.tooLong(128) }),
    confirm: z.string(),
  })
  .refine((v) => v.newPassword === v.confirm, {
    error: 'Les deux saisies du nouveau mot de passe sont différentes.',
    path: ['confirm'],
  });
type PasswordValues = z.input<typeof passwordSchema>;

/** The account menu's password change (loaded when opened, so the signed-in shell stays light). */
export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { endAfterPasswordChange } = useAuth();
  // Passwords are not kept when leaving: nothing to warn about.
  const form = useSchemaForm<PasswordValues>(
    passwordSchema,
    { currentPassword: '', newPassword: '', confirm: '' },
    { warnOnLeave: false },
  );
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useSingleSubmit();

  const submit = form.onSubmit((values) =>
    run(async () => {
      setError(null);
      const { currentPassword, newPassword } = passwordSchema.parse(values);
      const { error: problem, response } = await api.POST('/api/auth/password', {
        body: { currentPassword, newPassword },
      });
      if (response.status === 204) {
        onClose();
        endAfterPasswordChange();
        return;
      }
      setServerErrors(form, problem);
      setError(problemMessage(problem));
    }),
  );

  return (
    <Modal opened={opened} onClose={onClose} title="Changer de mot de passe">
      <form onSubmit={submit} noValidate>
        <Stack>
          <PasswordInput
            label="Mot de passe actuel"
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label="Nouveau mot de passe"
            description="De 12 à 128 caractères, pas un mot de passe courant."
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label="Confirmer le nouveau mot de passe"
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm')}
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
