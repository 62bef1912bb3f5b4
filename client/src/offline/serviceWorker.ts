/**
 * Registers the service worker built by vite-plugin-pwa (production builds only; OfflineSync calls it once signed
 * in): it precaches the app shell so the activity form opens without a network. A new release takes over at the
 * next load. workbox-window is loaded on its own, after the page, so the first load stays within its budget
 * (scripts/bundle-budget.mjs).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // The page's first /api/auth/me went by before the worker controlled it: asked again through the worker,
  // which keeps the answer, so the app opens offline for this user from now on.
  navigator.serviceWorker.addEventListener(
    'controllerchange',
    () => void fetch('/api/auth/me', { credentials: 'include' }).catch(() => undefined),
  );
  void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
}
