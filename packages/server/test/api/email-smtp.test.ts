import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call } from '../helpers/api.js';

// A real SMTP server on loopback receives what the app sends through nodemailer.
const received: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let t: TestApp;
let app: FastifyInstance;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  // Reuse the test app's database set-up, then build a second app on it that sends real mail.
  t = await buildTestApp();
  app = await buildApp({
    config: { ...t.config, smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'chatshare <no-reply@localhost>' },
    now: t.clock.now,
    logger: false,
  });
});

afterAll(async () => {
  await app.close();
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

it('sends the verification mail through SMTP, and its link verifies the email', async () => {
  const signup = await call(app, 'POST', '/api/v1/auth/signup', {
    body: { email: 'smtp-user@example.com', password: 'long enough password' },
  });
  expect(signup.statusCode).toBe(201);
  expect(received).toHaveLength(1);
  expect(received[0]!.to).toEqual(['smtp-user@example.com']);
  const unfolded = received[0]!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  expect(unfolded).toMatch(/^Subject: Confirm your email for chatshare/m);
  const link = unfolded.match(/http:\/\/localhost:3000\/api\/v1\/auth\/verify\?token=[\w.%-]+/)![0];
  const page = await call(app, 'GET', link.replace('http://localhost:3000', ''));
  expect(page.statusCode).toBe(200);
  expect(page.headers['content-type']).toContain('text/html');
  expect(page.body).toContain('confirmed');
  const cookie = signup.cookies.find((c) => c.name === 'cs_session')!;
  const me = await call(app, 'GET', '/api/v1/me', { auth: { cookie: `cs_session=${cookie.value}` } });
  expect(me.json().user.emailVerified).toBe(true);
});
