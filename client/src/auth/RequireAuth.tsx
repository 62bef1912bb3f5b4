import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../i18n/labels';
import { useAuth } from './AuthProvider';
import { isPublicPath } from './publicPaths';

/** Sends anonymous users to the sign-in page (then back here); public pages stay open to everyone. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (isPublicPath(location.pathname)) return children;
  if (user === undefined) {
    return (
      <Center h="100vh">
        <Loader aria-label="Chargement" />
      </Center>
    );
  }
  if (!user) {
    const back = `${location.pathname}${location.search}`;
    const target = back === '/' ? '/connexion' : `/connexion?retour=${encodeURIComponent(back)}`;
    return <Navigate to={target} replace />;
  }
  return children;
}

/** A page reserved to some roles; others see a French refusal rather than a broken page. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user } = useAuth();
  if (!user || !roles.includes(user.role)) {
    return (
      <Stack gap="sm">
        <Title order={2}>Accès réservé</Title>
        <Text>Votre rôle ne donne pas accès à cette page.</Text>
      </Stack>
    );
  }
  return children;
}
