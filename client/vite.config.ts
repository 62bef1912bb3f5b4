import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The service worker's cache of GET /api/auth/me (its plugins name it literally: they are serialised into sw.js). */
const SESSION_CACHE = 'projet-k-session';

export default defineConfig({
  plugins: [
    react(),
    // The installable app (docs/architecture.md, "Offline activity log"): a manifest and a service worker that
    // precaches the built app shell, so a signed-in coordinator opens the activity form without a network.
    // The API is never cached: its requests go to the network (and the offline queue keeps what fails).
    VitePWA({
      registerType: 'autoUpdate',
      // Registered by src/offline/serviceWorker.ts from the signed-in app only.
      injectRegister: false,
      manifest: {
        name: 'Projet K — coopération zéro déchet',
        short_name: 'Projet K',
        description: 'Journal des activités et pilotage des coopérations zéro déchet du Smicval',
        lang: 'fr',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#2b8a3e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,woff2,webmanifest}'],
        navigateFallback: '/index.html',
        // The API and the server-rendered public pages of the pilots are never the app shell.
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/territoires(\/|$)/],
        // The one API answer kept: who is signed in, so the app opens offline for the last user (network first;
        // a 401 or a sign-out forgets it). Everything else of the API goes to the network only.
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname === '/api/auth/me',
            handler: 'NetworkFirst',
            options: {
              cacheName: SESSION_CACHE,
              cacheableResponse: { statuses: [200] },
              plugins: [
                {
                  fetchDidSucceed: async ({ request, response }) => {
                    if (response.status === 401) await (await caches.open('projet-k-session')).delete(request);
                    return response;
                  },
                },
              ],
            },
          },
          {
            urlPattern: ({ url }) => url.pathname === '/api/auth/logout',
            method: 'POST',
            handler: 'NetworkOnly',
            options: {
              plugins: [
                {
                  fetchDidSucceed: async ({ response }) => {
                    await caches.delete('projet-k-session');
                    return response;
                  },
                },
              ],
            },
          },
        ],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Read by scripts/bundle-budget.mjs to follow each entry's imports.
    manifest: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      // The public pages are rendered by the server (src/publication/).
      '/territoires': 'http://127.0.0.1:3000',
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      // The public pages are rendered by the server (src/publication/).
      '/territoires': 'http://127.0.0.1:3000',
    },
  },
});
