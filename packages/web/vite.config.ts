/**
 * The owner app's build. It is served by the chatshare server under /app (see
 * packages/server/src/routes/app), so every URL it writes starts there. `npm run dev -w
 * @chatshare/web` runs Vite's dev server with the API proxied to a server on port 3000.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type HtmlTagDescriptor } from 'vite';

/** The head both pages share, written once: each page's own file holds only its title. */
const sharedHead = [
  { tag: 'meta', attrs: { charset: 'utf-8' } },
  { tag: 'meta', attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1' } },
  { tag: 'meta', attrs: { name: 'color-scheme', content: 'light dark' } },
  { tag: 'meta', attrs: { name: 'robots', content: 'noindex, nofollow' } },
  { tag: 'meta', attrs: { name: 'referrer', content: 'same-origin' } },
  { tag: 'link', attrs: { rel: 'icon', href: '/app/favicon.svg', type: 'image/svg+xml' } },
].map((tag): HtmlTagDescriptor => ({ ...tag, injectTo: 'head-prepend' }));

export default defineConfig({
  base: '/app/',
  plugins: [react(), { name: 'shared-head', transformIndexHtml: () => sharedHead }],
  // The kit, the SDK and core are bundled from their sources (see docs/decisions.md).
  resolve: { conditions: ['@chatshare/source', ...defaultClientConditions] },
  build: {
    target: 'es2022',
    // The server's CSP allows scripts from this origin only; the polyfill would be inline.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
    // Two pages: the app (index.html, under /app) and the community publish page (served at /publish).
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        publish: fileURLToPath(new URL('./publish.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/s/': 'http://localhost:3000', '/assets': 'http://localhost:3000' },
  },
});
