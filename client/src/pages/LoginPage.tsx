import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { SignInError, useAuth } from '../auth/AuthProvider';
import { safeReturnPath } from '../auth/publicPaths';

/** /connexion — the sign-in form; goes back to `?retour=` once signed in. */
export function LoginPage() {
  const { user, notice, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const back = safeReturnPath(params.get('retour'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={back} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      navigate(back, { replace: true });
    } catch (e) {
      setError(e instanceof SignInError ? e.message : 'Connexion impossible pour le moment. Réessayez plus tard.');
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={(e) => void submit(e)} aria-labelledby="login-title" noValidate>
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
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Mot de passe"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {error && (
              <Alert color="red" role="alert" data-testid="login-error">
                {error}
              </Alert>
            )}
            <Button type="submit" loading={busy} disabled={!email || !password}>
              Se connecter
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
