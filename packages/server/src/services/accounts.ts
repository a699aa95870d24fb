/**
 * Account use cases: sign up, sign in and out, confirm the email address (and send the mail
 * that asks for it), set the display name. Sessions are opaque tokens; putting them into a
 * cookie is the route's job.
 */
import { cleanLine, errors } from '@chatshare/core';
import type { FastifyBaseLogger } from 'fastify';
import { createVerificationToken, readVerificationToken } from '../auth/email-verification.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/passwords.js';
import type { Signer } from '../auth/signing.js';
import type { Mailer } from '../mail/mailer.js';
import type { SessionRepository } from '../repositories/sessions.js';
import type { User, UserRepository } from '../repositories/users.js';

export interface AccountServiceDeps {
  users: UserRepository;
  sessions: SessionRepository;
  mailer: Mailer;
  /** Signs the token in the verification link. */
  verificationSigner: Signer;
  /** Where the verification link points. */
  publicUrl: string;
  enableSignup: boolean;
  now: () => Date;
  /** Where a mail that could not be sent is reported (the account is made either way). */
  log: Pick<FastifyBaseLogger, 'error'>;
}

export interface Session {
  token: string;
  expiresAt: Date;
}

/** A signed-in account and its new session. */
export interface SignedIn {
  user: User;
  session: Session;
}

/** A display name as stored: one line, trimmed; blank (or none) is no name. */
const displayName = (name: string | null | undefined): string | null => cleanLine(name ?? '') || null;

export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  /** A new account, signed in, with the verification mail sent. */
  async signUp(input: { email: string; password: string; name?: string }): Promise<SignedIn> {
    if (!this.deps.enableSignup) throw errors.signupDisabled();
    const user = await this.deps.users.create({
      email: input.email,
      name: displayName(input.name),
      passwordHash: await hashPassword(input.password),
    });
    const session = await this.deps.sessions.create(user.id);
    await this.sendVerification(user);
    return { user, session };
  }

  async signIn(email: string, password: string): Promise<SignedIn> {
    const row = await this.deps.users.findRowByEmail(email);
    // Hash even for unknown emails, so the answer's timing does not reveal which accounts exist.
    const ok = await verifyPassword(password, row?.password_hash ?? (await dummyPasswordHash()));
    if (!row || !ok) throw errors.invalidCredentials();
    const user = (await this.deps.users.findById(row.id))!;
    return { user, session: await this.deps.sessions.create(user.id) };
  }

  /** Ends the session of `token`, if there is one. */
  async signOut(token: string | undefined): Promise<void> {
    if (token) await this.deps.sessions.delete(token);
  }

  /** Confirms the email address named by the token from the verification mail. */
  async verifyEmail(token: string): Promise<User> {
    const { userId, email } = readVerificationToken(this.deps.verificationSigner, token, this.deps.now());
    if (!(await this.deps.users.markVerified(userId, email))) throw errors.invalidToken();
    return (await this.deps.users.findById(userId))!;
  }

  /** The verification mail again, for an address not yet confirmed. */
  async resendVerification(user: User): Promise<void> {
    if (user.emailVerified) throw errors.conflict('Your email address is already confirmed.');
    await this.sendVerification(user);
  }

  /** Sets, changes or (with blank or null) clears the display name. */
  async setName(user: User, name: string | null | undefined): Promise<User> {
    const updated = await this.deps.users.setName(user.id, displayName(name));
    // The account went while the request ran (deleted meanwhile): as if signed out.
    if (!updated) throw errors.unauthenticated();
    return updated;
  }

  private async sendVerification(user: User): Promise<void> {
    const token = createVerificationToken(this.deps.verificationSigner, user.id, user.email, this.deps.now());
    const link = `${this.deps.publicUrl}/api/v1/auth/verify?token=${encodeURIComponent(token)}`;
    try {
      await this.deps.mailer.send({
        to: user.email,
        subject: 'Confirm your email for chatshare',
        text: `Open this link to confirm your email address:\n\n${link}\n\nIf you did not sign up, ignore this message.`,
      });
    } catch (error) {
      // The account exists either way; the person can ask for a new link.
      this.deps.log.error({ err: error }, 'could not send the verification mail');
    }
  }
}
