/**
 * The one typed, validated configuration (docs/design.md §Configuration). `loadConfig` reads
 * the environment once at boot and throws a ConfigError listing every problem, so a wrong value never half-starts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LIMITS } from '@chatshare/core';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

export interface Config {
  port: number;
  host: string;
  /** Absolute base for links, without a trailing slash. */
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  /** PostgreSQL schema to use (default `public`); lets several instances or test runs share a server. */
  databaseSchema: string | null;
  redisUrl: string | null;
  sessionSecret: string;
  smtpUrl: string | null;
  mailFrom: string;
  enableSignup: boolean;
  /** When false, only private shares may be created: every viewer must sign in. */
  enableOpenSharing: boolean;
  enableCommunitySharing: boolean;
  /**
   * ENABLE_COPIES: whether readers may save a copy of a link into their account, where its
   * owner allows it (core `canOfferCopy`).
   */
  enableCopies: boolean;
  /** The hub this instance publishes to (origin and path prefix, no trailing slash). */
  communityUrl: string | null;
  /** Origins allowed to send conversations to this instance's /publish page; empty = any. */
  communityAllowedOrigins: string[];
  /** Origins whose scripts may call the API with the user's cookie (CORS_ORIGINS); empty = none. */
  corsOrigins: string[];
  /** Lower-cased emails of instance admins; empty = the first account is the admin. */
  adminEmails: string[];
  /**
   * Which proxies' `X-Forwarded-*` to believe (TRUST_PROXY): `false` none, a number of hops
   * in front (the address the nearest proxy saw is the client's with 1), or the proxies'
   * addresses and CIDRs. Never "any": the left-most X-Forwarded-For is the client's to write.
   */
  trustProxy: TrustProxy;
  /** Largest export file accepted by POST /api/v1/imports (bytes). */
  importMaxBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Bearer token that opens GET /metrics on the main port (METRICS_TOKEN); null = no /metrics there. */
  metricsToken: string | null;
  /** A second listener on 127.0.0.1 serving only /metrics (METRICS_PORT); null = none. */
  metricsPort: number | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const ORIGIN_EXAMPLE = 'https://chat.example.com';

/**
 * One origin as a browser writes it in `Origin`: the URL parser lower-cases the scheme and
 * host, drops a default port and turns a name into punycode, so comparing strings is exact.
 * A single trailing slash is accepted (`https://a.com/` is `https://a.com`); any other path,
 * a query, a fragment, a user name or a wildcard is a problem.
 * @example parseOrigin('HTTPS://Chat.Example.com:443/', 'is a wildcard') // { origin: 'https://chat.example.com' }
 */
function parseOrigin(entry: string, wildcardProblem: string): { origin: string } | { problem: string } {
  if (entry.includes('*')) return { problem: wildcardProblem };
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return { problem: `is not an origin like ${ORIGIN_EXAMPLE}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { problem: `must start with http:// or https:// (an origin like ${ORIGIN_EXAMPLE})` };
  }
  // `https://@a.com` parses with an empty user name; any "@" is a mistake worth reporting.
  if (url.username !== '' || url.password !== '' || entry.includes('@')) {
    return { problem: 'must not contain a user name or password' };
  }
  // `https://a.com?` and `https://a.com#` parse to an empty query or fragment: the raw text tells.
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]/.test(entry)) {
    return { problem: `must be an origin only, without a path, query or fragment (like ${ORIGIN_EXAMPLE})` };
  }
  return { origin: url.origin };
}

function reader(env: Env, problems: string[]) {
  const raw = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  return {
    string: (name: string, fallback: string) => raw(name) ?? fallback,
    optional: raw,
    integer(name: string, fallback: number, min: number, max: number) {
      const value = raw(name);
      if (value === undefined) return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
        return fallback;
      }
      return parsed;
    },
    boolean(name: string, fallback: boolean) {
      const value = raw(name)?.toLowerCase();
      if (value === undefined) return fallback;
      if (['1', 'true', 'yes', 'on'].includes(value)) return true;
      if (['0', 'false', 'no', 'off'].includes(value)) return false;
      problems.push(`${name} must be true or false (got "${value}")`);
      return fallback;
    },
    url(name: string, protocols: string[]) {
      const value = raw(name);
      if (value === undefined) return null;
      try {
        const url = new URL(value);
        if (!protocols.includes(url.protocol)) {
          problems.push(
            `${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got "${url.protocol}")`,
          );
          return null;
        }
        return value;
      } catch {
        problems.push(`${name} is not a valid URL`);
        return null;
      }
    },
    /** A comma-separated list of exact origins (see `parseOrigin`), without duplicates. */
    origins(name: string, wildcardProblem: string): string[] {
      const origins = (raw(name) ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
        .flatMap((entry) => {
          const parsed = parseOrigin(entry, wildcardProblem);
          if ('origin' in parsed) return [parsed.origin];
          problems.push(`${name}: "${entry}" ${parsed.problem}`);
          return [];
        });
      return [...new Set(origins)];
    },
    oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
      const value = raw(name);
      if (value === undefined) return fallback;
      if ((choices as readonly string[]).includes(value)) return value as T;
      problems.push(`${name} must be one of ${choices.join(', ')} (got "${value}")`);
      return fallback;
    },
  };
}

/** Reads the secret from DATA_DIR, generating it on first start, so sessions survive restarts. */
function generatedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** Builds the configuration from `env` (default `process.env`). Throws ConfigError. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const read = reader(env, problems);
  const port = read.integer('PORT', 3000, 0, 65535);
  const host = read.string('HOST', '127.0.0.1');
  const publicUrl = (read.url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const dataDir = path.resolve(cwd, read.string('DATA_DIR', './data'));
  const databaseUrl = read.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const databaseSchema = read.optional('DATABASE_SCHEMA') ?? null;
  if (databaseSchema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    problems.push('DATABASE_SCHEMA must be a lower-case identifier (letters, digits, _)');
  }
  const sessionSecretEnv = read.optional('SESSION_SECRET');
  if (sessionSecretEnv !== undefined && sessionSecretEnv.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters (leave it unset to generate one into DATA_DIR)');
  }
  const enableCommunitySharing = read.boolean('ENABLE_COMMUNITY_SHARING', false);
  const communityUrl = read.url('COMMUNITY_URL', ['http:', 'https:']);
  if (enableCommunitySharing && communityUrl === null) {
    problems.push('COMMUNITY_URL is required when ENABLE_COMMUNITY_SHARING is true');
  }
  const communityAllowedOrigins = read.origins(
    'COMMUNITY_ALLOWED_ORIGINS',
    'is a wildcard; leave COMMUNITY_ALLOWED_ORIGINS unset to accept any origin',
  );
  // Listed origins get the user's cookie on their requests, so "any origin" is never an option.
  const corsOrigins = read.origins(
    'CORS_ORIGINS',
    'is a wildcard, never allowed: listed origins act with the cookie of whoever is signed in (credentials), so list each origin exactly',
  );
  const adminEmails = (read.optional('ADMIN_EMAILS') ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  for (const email of adminEmails) {
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) problems.push(`ADMIN_EMAILS: "${email}" is not an email address`);
  }
  const metricsToken = read.optional('METRICS_TOKEN') ?? null;
  if (metricsToken !== null && (metricsToken.length < 16 || /\s/.test(metricsToken))) {
    problems.push('METRICS_TOKEN must be at least 16 characters without spaces (e.g. `openssl rand -hex 24`)');
  }
  const metricsPort = read.optional('METRICS_PORT') === undefined ? null : read.integer('METRICS_PORT', 0, 1, 65535);
  if (metricsPort !== null && metricsPort === port) problems.push('METRICS_PORT must differ from PORT');
  const config: Config = {
    port,
    host,
    publicUrl,
    dataDir,
    databaseUrl,
    databaseSchema,
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    sessionSecret: '',
    smtpUrl: read.url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: read.string('MAIL_FROM', `chatshare <no-reply@${new URL(publicUrl).hostname}>`),
    enableSignup: read.boolean('ENABLE_SIGNUP', true),
    enableOpenSharing: read.boolean('ENABLE_OPEN_SHARING', true),
    enableCommunitySharing,
    enableCopies: read.boolean('ENABLE_COPIES', true),
    communityUrl: communityUrl?.replace(/\/+$/, '') ?? null,
    communityAllowedOrigins,
    corsOrigins,
    adminEmails,
    trustProxy: parseTrustProxy(read.optional('TRUST_PROXY'), problems),
    importMaxBytes: read.integer('IMPORT_MAX_MB', LIMITS.importFileBytes / 1024 / 1024, 1, 100_000) * 1024 * 1024,
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    metricsToken,
    metricsPort,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  config.sessionSecret = sessionSecretEnv ?? generatedSecret(dataDir);
  return config;
}
