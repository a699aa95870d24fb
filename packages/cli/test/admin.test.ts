/**
 * `chatshare admin create` against a real SQLite file: the binary creates the first admin of
 * a fresh instance with sign-up off, then a server on the same data folder lets that admin
 * sign in and moderate. Refusals (taken email, no password, bad input) write nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, loadConfig } from '@chatshare/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { sessionClient } from '../src/connection.js';
import { EXIT } from '../src/exit-codes.js';
import { runCli, type CliOptions, type CliResult } from './helpers/cli.js';
import { freePort } from '../../../scripts/free-port.js';

const PASSWORD = 'a long enough password';

let dataDir: string;
let app: Awaited<ReturnType<typeof buildApp>>;
let url: string;
let created: CliResult;

/** The environment of the instance: its data folder and SQLite, whatever the suite runs on. */
const instanceEnv = () => ({
  DATA_DIR: dataDir,
  DATABASE_URL: undefined,
  DATABASE_SCHEMA: undefined,
  REDIS_URL: undefined,
  ENABLE_SIGNUP: 'false',
  ADMIN_EMAILS: undefined,
  SESSION_SECRET: 'cli-admin-secret-cli-admin-secret-0123',
  LOG_LEVEL: 'silent',
});

const admin = (args: string[], options: CliOptions = {}) =>
  runCli(['admin', 'create', ...args], { ...options, env: { ...instanceEnv(), ...options.env } });

const userCount = async () => (await app.db.selectFrom('users').select('id').execute()).length;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-cli-admin-'));
  // A fresh instance: no database yet, and nobody can sign up.
  created = await admin(['--email', 'Ops@Example.com', '--name', 'Operations', '--password-stdin'], {
    input: `${PASSWORD}\n`,
  });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env = Object.fromEntries(Object.entries({ ...instanceEnv(), PUBLIC_URL: url }).filter(([, v]) => v));
  app = await buildApp({
    config: loadConfig(env, dataDir),
    logger: false,
    rateLimits: { auth: { max: 10_000, windowMs: 60_000 } },
  });
  await app.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('chatshare admin create', () => {
  it('creates the first admin of a fresh instance, who then signs in through the API as an admin', async () => {
    expect(created.stderr).toMatch(/^applied migrations: 0001_initial, /);
    expect(created.code).toBe(EXIT.ok);
    expect(created.stdout).toBe('created the admin ops@example.com\n');

    const session = sessionClient(url);
    await expect(session.auth.signup({ email: 'someone@example.com', password: PASSWORD })).rejects.toMatchObject({
      code: 'signup_disabled',
    });
    const { user } = await session.auth.signin({ email: 'ops@example.com', password: PASSWORD });
    expect(user).toMatchObject({ email: 'ops@example.com', name: 'Operations', isAdmin: true, emailVerified: true });
    // Admin in deed, not only in name: the moderation API answers.
    await expect(session.admin.reports()).resolves.toMatchObject({ items: [] });
    await expect(session.auth.signin({ email: 'ops@example.com', password: 'not the password' })).rejects.toMatchObject(
      { code: 'invalid_credentials' },
    );
  });

  it('refuses an email that has an account, with exit 7 and a hint, and changes nothing', async () => {
    const before = await userCount();
    const result = await admin(['--email', 'ops@example.com', '--password-stdin'], { input: 'another password here' });
    expect(result.code).toBe(EXIT.conflict);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'error: an account with the email ops@example.com already exists: pass --promote to make that account an admin (email_taken)\n',
    );
    expect(await userCount()).toBe(before);
    // The first password still works: the account was not touched.
    await expect(
      sessionClient(url).auth.signin({ email: 'ops@example.com', password: PASSWORD }),
    ).resolves.toBeDefined();
  });

  it('refuses to go on without a password when stdin is not a terminal', async () => {
    const before = await userCount();
    const noFlag = await admin(['--email', 'second@example.com']);
    expect(noFlag.code).toBe(EXIT.usage);
    expect(noFlag.stderr).toBe(
      'error: not on a terminal: pass --password-stdin and write the password to stdin (usage_error)\n',
    );
    const empty = await admin(['--email', 'second@example.com', '--password-stdin'], { input: '' });
    expect(empty.code).toBe(EXIT.usage);
    expect(empty.stderr).toBe('error: no password on stdin (usage_error)\n');
    expect(await userCount()).toBe(before);
  });

  it('refuses a bad email, a short password and a password given as an argument', async () => {
    const badEmail = await admin(['--email', 'not-an-email', '--password-stdin'], { input: PASSWORD });
    expect(badEmail).toMatchObject({
      code: EXIT.usage,
      stderr: 'error: "not-an-email" is not an email address (invalid_email)\n',
    });
    const short = await admin(['--email', 'short@example.com', '--password-stdin'], { input: 'short' });
    expect(short.code).toBe(EXIT.usage);
    expect(short.stderr).toBe('error: the password must be 8 to 256 characters long (invalid_password)\n');
    const inArgs = await admin(['--email', 'args@example.com', '--password', PASSWORD]);
    expect(inArgs.code).toBe(EXIT.usage);
    expect(inArgs.stderr).toContain("unknown option '--password'");
    expect(await app.repos.users.findRowByEmail('short@example.com')).toBeUndefined();
    expect(await app.repos.users.findRowByEmail('args@example.com')).toBeUndefined();
  });

  it('with --promote makes an existing, confirmed account an admin, and refuses an unconfirmed one', async () => {
    const passwordHash = await hashPassword(PASSWORD);
    await app.repos.users.create({ email: 'ada@example.com', name: null, passwordHash, emailVerified: true });
    await app.repos.users.create({ email: 'eve@example.com', name: null, passwordHash });
    const asAda = sessionClient(url);
    expect((await asAda.auth.signin({ email: 'ada@example.com', password: PASSWORD })).user.isAdmin).toBe(false);

    const promoted = await admin(['--email', 'ada@example.com', '--promote']);
    expect(promoted).toMatchObject({ code: EXIT.ok, stdout: 'ada@example.com is now an admin\n' });
    expect((await asAda.me()).user.isAdmin).toBe(true);
    const again = await admin(['--email', 'ada@example.com', '--promote', '--json']);
    expect(again.code).toBe(EXIT.ok);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'already_admin', user: { email: 'ada@example.com' } });

    const unconfirmed = await admin(['--email', 'eve@example.com', '--promote']);
    expect(unconfirmed.code).toBe(EXIT.failure);
    expect(unconfirmed.stderr).toMatch(
      /^error: the account eve@example\.com has not confirmed its email address.+ \(email_not_verified\)\n$/,
    );
    const eve = await sessionClient(url).auth.signin({ email: 'eve@example.com', password: PASSWORD });
    expect(eve.user.isAdmin).toBe(false);
  });
});
