/**
 * Integration model (1): this app's own server forwards `/api/v1` to chatshare and signs each
 * request with the app's API token, so the token never reaches the browser. Vite's dev server
 * and `vite preview` both use these options; a production server (Express, Fastify, nginx)
 * would do the same three things: forward the path, drop the browser's credentials, add the token.
 */
import type { ProxyOptions } from 'vite';

/** The path the browser-side client calls (`createClient({ baseUrl: '' })` adds it). */
export const CHATSHARE_API_PATH = '/api/v1';

export interface ChatshareProxyEnv {
  CHATSHARE_URL?: string | undefined;
  CHATSHARE_TOKEN?: string | undefined;
}

export class ChatshareConfigError extends Error {
  override name = 'ChatshareConfigError';
}

/** Reads and checks the two settings; throws one readable message listing every problem. */
export function readChatshareEnv(env: ChatshareProxyEnv): { url: string; token: string } {
  const problems: string[] = [];
  const url = env.CHATSHARE_URL?.trim() || 'http://localhost:3000';
  const token = env.CHATSHARE_TOKEN?.trim() ?? '';
  if (!/^https?:\/\/[^/]+/.test(url)) problems.push(`CHATSHARE_URL must be an http(s) URL, got "${url}".`);
  if (token === '') {
    problems.push(
      'CHATSHARE_TOKEN is not set. Create an API token in the chatshare owner app (/app → Account → API tokens) ' +
        'and start the app with CHATSHARE_TOKEN=<token> npm run dev.',
    );
  }
  if (problems.length > 0) throw new ChatshareConfigError(`chat-app cannot start:\n  - ${problems.join('\n  - ')}`);
  return { url: url.replace(/\/+$/, ''), token };
}

/** The `server.proxy` / `preview.proxy` entry for chatshare. */
export function chatshareProxy(env: ChatshareProxyEnv): Record<string, ProxyOptions> {
  const { url, token } = readChatshareEnv(env);
  return {
    [CHATSHARE_API_PATH]: {
      target: url,
      // chatshare sees its own host, as if the request had been sent to it directly.
      changeOrigin: true,
      configure(proxy) {
        proxy.on('proxyReq', (proxyReq) => {
          // The browser's cookies and any Authorization it sends are for this app, never for
          // chatshare: only the app's token may act on the chatshare account.
          proxyReq.removeHeader('cookie');
          proxyReq.removeHeader('authorization');
          proxyReq.setHeader('authorization', `Bearer ${token}`);
        });
        proxy.on('proxyRes', (proxyRes) => {
          // A chatshare session cookie must not be planted on this app's origin.
          delete proxyRes.headers['set-cookie'];
        });
      },
    },
  };
}
