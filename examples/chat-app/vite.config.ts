/**
 * Vite for the example: React, and the chatshare proxy for both `vite` (dev) and `vite
 * preview`. `vite build` needs no token, so the proxy (and its check) is only set up to serve.
 * BUILD_SOURCEMAP=1 adds source maps (the packaging test reads them to count copies of React).
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { chatshareProxy, ChatshareConfigError } from './server/chatshare-proxy.ts';

export default defineConfig(({ command }) => {
  let proxy: ReturnType<typeof chatshareProxy> | undefined;
  if (command === 'serve') {
    try {
      proxy = chatshareProxy(process.env);
    } catch (error) {
      if (!(error instanceof ChatshareConfigError)) throw error;
      // Refuse to start: without the token every share would fail in the browser instead.
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
  }
  return {
    plugins: [react()],
    build: { sourcemap: process.env.BUILD_SOURCEMAP === '1' },
    server: { proxy },
    preview: { proxy },
  };
});
