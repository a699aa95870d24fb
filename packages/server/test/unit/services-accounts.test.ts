import { describe, expect, it } from 'vitest';
import { readVerificationToken } from '../../src/auth/email-verification.js';
import { createSigner } from '../../src/auth/signing.js';
import type { MailMessage } from '../../src/mail/mailer.js';
import type { SessionRepository } from '../../src/repositories/sessions.js';
import type { User, UserRepository } from '../../src/repositories/users.js';
import { AccountService, type AccountServiceDeps } from '../../src/services/accounts.js';

const now = new Date('2026-06-01T12:00:00.000Z');
const signer = createSigner('a test secret that is long enough', 'email-verification');
const user: User = {
  id: 'u1',
  email: 'new@example.com',
  name: null,
  emailVerified: false,
  createdAt: now.toISOString(),
  grantedAdmin: false,
};

function serviceWith(overrides: Partial<AccountServiceDeps> = {}) {
  const sent: MailMessage[] = [];
  const created: { name: string | null }[] = [];
  const users = {
    create: async (input: { name: string | null }) => {
      created.push({ name: input.name });
      return { ...user, name: input.name };
    },
    setName: async () => undefined,
  } as unknown as UserRepository;
  const sessions = {
    create: async () => ({ token: 'session-token', expiresAt: now }),
  } as unknown as SessionRepository;
  const service = new AccountService({
    users,
    sessions,
    mailer: { send: async (message) => void sent.push(message), close: () => {} },
    verificationSigner: signer,
    publicUrl: 'https://chat.example',
    enableSignup: true,
    now: () => now,
    log: { error: () => {} },
    ...overrides,
  });
  return { service, sent, created };
}

describe('AccountService', () => {
  it('signs up with a cleaned display name, a session and a verification link for that account', async () => {
    const { service, sent, created } = serviceWith();
    const { session } = await service.signUp({ email: user.email, password: 'a long password', name: '  Ada  ' });
    expect(created).toEqual([{ name: 'Ada' }]);
    expect(session.token).toBe('session-token');
    expect(sent).toHaveLength(1);
    const token = decodeURIComponent(/token=(\S+)/.exec(sent[0]!.text)![1]!);
    expect(sent[0]!.text).toContain('https://chat.example/api/v1/auth/verify?token=');
    expect(readVerificationToken(signer, token, now)).toEqual({ userId: 'u1', email: user.email });
  });

  it('refuses sign-up when it is turned off, before anything is stored', async () => {
    const { service, created } = serviceWith({ enableSignup: false });
    await expect(service.signUp({ email: user.email, password: 'a long password' })).rejects.toMatchObject({
      status: 403,
    });
    expect(created).toEqual([]);
  });

  it('keeps the account when the verification mail cannot be sent', async () => {
    const logged: unknown[] = [];
    const { service } = serviceWith({
      mailer: {
        send: async () => {
          throw new Error('smtp down');
        },
        close: () => {},
      },
      log: { error: (...args: unknown[]) => void logged.push(args) },
    });
    await expect(service.signUp({ email: user.email, password: 'a long password' })).resolves.toMatchObject({
      user: { id: 'u1' },
    });
    expect(logged).toHaveLength(1);
  });

  it('sends no second mail for a confirmed address, and treats a vanished account as signed out', async () => {
    const { service, sent } = serviceWith();
    await expect(service.resendVerification({ ...user, emailVerified: true })).rejects.toMatchObject({
      status: 409,
    });
    expect(sent).toEqual([]);
    await expect(service.setName(user, 'Ada')).rejects.toMatchObject({ status: 401 });
  });
});
