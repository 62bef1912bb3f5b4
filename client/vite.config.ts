import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
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
