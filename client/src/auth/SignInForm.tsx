import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import * as z from 'zod/mini';
import { setServerErrors, useSchemaForm, useSingleSubmit } from '../forms/schemaForm';
import { formMessages } from '../i18n/formMessages';
import { SignInError } from './signIn';

export type SignInNotice = { kind: 'expired' | 'info'; text: string };

// zod/mini, like the public candidature forms: the sign-in page keeps within its first-load budget.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const signInSchema = z.object({
  email: z.string().check(
    z.refine((v) => v.trim() !== '', { error: 'Saisissez votre adresse électronique.' }),
    z.refine((v) => v.trim() === '' || EMAIL.test(v.trim()), { error: formMessages.email }),
    z.maxLength(254, { error: formMessages.tooLong(254) }),
  ),
  password: z.string().check(z.minLength(1, { error: 'Saisissez votre mot de passe.' })),
});

type SignInValues = { email: string; password: string };

/**
 * The sign-in form, shown by the signed-in app's /connexion route and by the light sign-in app a direct visit to
 * /connexion loads (SignInApp.tsx). `signIn` opens the session; `onSignedIn` leaves the page.
 */
export function SignInForm({
  notice,
  signIn,
  onSignedIn,
}: {
  notice: SignInNotice | null;
  signIn: (email: string, password: string) => Promise<unknown>;
  onSignedIn: () => void;
}) {
  // Nothing typed here is worth a "leave the page?" prompt.
  const form = useSchemaForm<SignInValues>(signInSchema, { email: '', password: '' }, { warnOnLeave: false });
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useSingleSubmit();

  const submit = form.onSubmit((values) =>
    run(async () => {
      setError(null);
      try {
        await signIn(values.email.trim(), values.password);
        onSignedIn();
      } catch (e) {
        setError(e instanceof SignInError ? e.message : 'Connexion impossible pour le moment. Réessayez plus tard.');
        if (e instanceof SignInError) setServerErrors(form, e.problem);
        form.setFieldValue('password', '');
      }
    }),
  );

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={submit} aria-labelledby="login-title" noValidate>
          <Stack>
            <div>
              <Title order={1} size="h2" id="login-title">
                Connexion
              </Title>
              <Text c="dimmed" size="sm">
                Projet K — coopération zéro déchet, Smicval
              </Text>
            </div>
            {notice && (
              <Alert color={notice.kind === 'expired' ? 'yellow' : 'blue'} data-testid="login-notice" role="status">
                {notice.text}
              </Alert>
            )}
            <TextInput
              label="Adresse électronique"
              type="email"
              autoComplete="username"
              required
              autoFocus
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label="Mot de passe"
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            {error && (
              <Alert color="red" role="alert" data-testid="login-error">
                {error}
              </Alert>
            )}
            <Button type="submit" loading={busy}>
              Se connecter
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
