import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * A page loaded on first visit (its own chunk): `lazyPage(() => import('./pages/X'), 'X')`. Pages export
 * named components, React.lazy wants a default export: this bridges the two.
 */
export function lazyPage<M, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): ComponentType<M[K] extends ComponentType<infer P> ? P : never> {
  return lazy(async () => ({
    default: (await load())[name] as ComponentType<M[K] extends ComponentType<infer P> ? P : never>,
  }));
}

/** What shows while a page's chunk arrives. */
export function PageLoading() {
  return (
    <Center py="xl">
      <Loader aria-label="Chargement de la page" />
    </Center>
  );
}

export function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}
