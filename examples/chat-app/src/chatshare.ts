/**
 * The browser's chatshare client. `baseUrl: ''` is this page's own origin: the app's server
 * proxies /api/v1 to chatshare and adds the API token (server/chatshare-proxy.ts), so no token
 * is set here and none is ever in the bundle.
 */
import { createClient } from '@chatshare/client';

export const chatshare = createClient({ baseUrl: '' });
