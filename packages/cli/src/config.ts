/**
 * The stored login: `{ url, token }` (plus what logout needs) in `config.json` under the
 * user's config folder — env-paths' `chatshare` folder, or `CHATSHARE_CONFIG_DIR`. The file
 * holds a secret, so it is written 0600 inside a 0700 folder, and replaced atomically so a
 * crash never leaves half a file.
 */
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import envPaths from 'env-paths';
import { EXIT } from './exit-codes.js';
import { CliError, usageError } from './errors.js';

export interface StoredLogin {
  url: string;
  token: string;
  email?: string;
  /** Set when `login` created the token itself, so `logout` may revoke it. */
  tokenId?: string;
}

export type Env = Record<string, string | undefined>;

export function configDir(env: Env): string {
  const override = env.CHATSHARE_CONFIG_DIR?.trim();
  return override ? path.resolve(override) : envPaths('chatshare', { suffix: '' }).config;
}

export const configFile = (env: Env) => path.join(configDir(env), 'config.json');

const isLogin = (value: unknown): value is StoredLogin =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as StoredLogin).url === 'string' &&
  typeof (value as StoredLogin).token === 'string';

/** The stored login, or null when there is none. A damaged file is an error, not "signed out". */
export async function readLogin(env: Env): Promise<StoredLogin | null> {
  const file = configFile(env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!isLogin(value)) {
    throw new CliError(
      `${file} is damaged: run \`chatshare logout\` and sign in again`,
      'config_invalid',
      EXIT.failure,
    );
  }
  return value;
}

export async function writeLogin(env: Env, login: StoredLogin): Promise<string> {
  const dir = configDir(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = configFile(env);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  // The mode above is filtered by the umask; chmod makes 0600 certain.
  await chmod(temporary, 0o600);
  await rename(temporary, file);
  return file;
}

/** Forgets the stored login; false when there was none. */
export async function removeLogin(env: Env): Promise<boolean> {
  const file = configFile(env);
  try {
    await rm(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** `https://chat.example.com/` -> `https://chat.example.com`; anything but http(s) is a usage error. */
export function normalizeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw usageError(`"${raw}" is not a URL (expected e.g. https://chat.example.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`"${raw}" must start with http:// or https://`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
