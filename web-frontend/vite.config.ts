import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The Rust API; in production it serves this SPA itself, so the client always calls the same origin.
const apiTarget = process.env.KANWU_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      // A regular expression, so that e.g. /apiary or /docs-old stay with the SPA.
      '^/(api|docs|healthz|readyz)(/|\\?|$)': { target: apiTarget },
      // The Atom feeds and the sitemap (article pages' link previews matter only to crawlers).
      '^/(feed\\.xml|c/[^/]+/feed\\.xml|sitemap(-\\d+)?\\.xml)(\\?|$)': { target: apiTarget },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/testing/setup.ts'],
    unstubGlobals: true,
    restoreMocks: true,
  },
});
