/**
 * Registers the service worker built by vite-plugin-pwa (production builds only; OfflineSync calls it once signed in): it precaches the app shell so
 * the activity form opens without a network. A new release takes over at the next load. workbox-window is
 * loaded on its own, after the page, so the first load stays within its budget (scripts/bundle-budget.mjs).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
}
