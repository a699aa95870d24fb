/**
 * Without SMTP_URL, mail is written to the log: at `warn`, so the verification link is there
 * at the default level and at LOG_LEVEL=warn, with a line that says why it is in the log.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call } from '../helpers/api.js';

let t: TestApp;
beforeAll(async () => void (t = await buildTestApp()));
afterAll(() => t.close());

/** An app on the test database that logs at `level` into `lines`, and has no mailer but the log. */
async function appLoggingAt(level: 'info' | 'warn' | 'error', lines: Record<string, unknown>[]) {
  return buildApp({
    config: { ...t.config, smtpUrl: null, logLevel: level },
    now: t.clock.now,
    logStream: { write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    rateLimits: { auth: { max: 1000, windowMs: 60_000 } },
  });
}

async function signUpAndReadLog(app: FastifyInstance, lines: Record<string, unknown>[], email: string) {
  const signup = await call(app, 'POST', '/api/v1/auth/signup', { body: { email, password: 'long enough password' } });
  expect(signup.statusCode).toBe(201);
  return lines.filter((line) => line.mailTo === email);
}

it.each(['warn', 'info'] as const)('logs the verification link at LOG_LEVEL=%s, as a warning', async (level) => {
  const lines: Record<string, unknown>[] = [];
  const app = await appLoggingAt(level, lines);
  try {
    const [mail, ...more] = await signUpAndReadLog(app, lines, `log-${level}@example.com`);
    expect(more).toEqual([]);
    expect(mail!.level).toBe(40);
    expect(mail!.msg).toMatch(/No SMTP server is configured.*written to the log instead of being sent/);
    const link = /(http:\/\/localhost:3000\/api\/v1\/auth\/verify\?token=\S+)/.exec(String(mail!.msg))?.[1];
    expect(link).toBeDefined();
    // The logged link is the real one: it confirms the address.
    const verified = await app.inject({ method: 'GET', url: link!.replace('http://localhost:3000', '') });
    expect(verified.statusCode).toBe(200);
  } finally {
    await app.close();
  }
});

it('stays out of a log that only records errors', async () => {
  const lines: Record<string, unknown>[] = [];
  const app = await appLoggingAt('error', lines);
  try {
    expect(await signUpAndReadLog(app, lines, 'log-error@example.com')).toEqual([]);
  } finally {
    await app.close();
  }
});
