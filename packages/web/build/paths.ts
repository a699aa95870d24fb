/**
 * Where the owner app's files are: the server serves `WEB_DIST_DIR` under /app, and the build
 * writes it. Kept free of imports beyond node:url, so the server can read it without Vite.
 */
import { fileURLToPath } from 'node:url';

/** The built app (index.html and hashed assets). */
export const WEB_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/** The web package's own folder. */
export const WEB_ROOT = fileURLToPath(new URL('../', import.meta.url));
