/**
 * Instance admins made by the operator (`chatshare admin create`): an account created straight
 * in the database, with the server's own users repository and password hashing, so an
 * instance with sign-up turned off still gets its first admin. Configured by the environment,
 * like `serve` and `migrate`; the database is brought up to date first, as the server would.
 *
 * The new account's email counts as verified: the operator, who can already read and change
 * the whole database, vouches for it, and no mail needs to reach anyone. Making an existing
 * account an admin (`promote`) does not: an address nobody confirmed may belong to someone
 * else, so such an account is refused until it is confirmed.
 */
import { cleanLine, isAppError, LIMITS } from '@chatshare/core';
import { hashPassword } from './auth/passwords.js';
import { openDatabase } from './db/connect.js';
import { loadConfig } from './env.js';
import { upgradeDatabase } from './migrate.js';
import { normalizeEmail, UserRepository, type User } from './repositories/users.js';

export { ConfigError } from './env.js';

export type AdminSetupCode =
  'invalid_email' | 'invalid_name' | 'invalid_password' | 'email_taken' | 'email_not_verified';

/** An expected refusal, with a stable code; nothing was written. */
export class AdminSetupError extends Error {
  constructor(
    readonly code: AdminSetupCode,
    message: string,
  ) {
    super(message);
    this.name = 'AdminSetupError';
  }
}

export interface AdminSetupInput {
  email: string;
  /** The display name of a new account. */
  name?: string;
  /** Make an existing account with this email an admin, rather than refusing the email. */
  promote?: boolean;
  /** Asked only when an account is to be created (before the database is opened, without `promote`). */
  password: () => Promise<string>;
}

export interface AdminSetupResult {
  outcome: 'created' | 'promoted' | 'already_admin';
  user: { id: string; email: string; name: string | null };
  /** Migrations applied on the way (all of them, on a fresh database). */
  migrations: string[];
}

// One @, something on each side, no spaces or control characters (as ADMIN_EMAILS is checked).
const EMAIL = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u;

function checkedEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (!EMAIL.test(normalized) || normalized.length > LIMITS.emailLength) {
    throw new AdminSetupError('invalid_email', `${JSON.stringify(email)} is not an email address`);
  }
  return normalized;
}

function checkedName(name: string | undefined): string | null {
  if (name === undefined) return null;
  const cleaned = cleanLine(name);
  if (cleaned.length > LIMITS.displayNameLength) {
    throw new AdminSetupError('invalid_name', `the name is longer than ${LIMITS.displayNameLength} characters`);
  }
  return cleaned || null;
}

async function checkedPassword(ask: () => Promise<string>): Promise<string> {
  const password = await ask();
  if (password.length < LIMITS.passwordMinLength || password.length > LIMITS.passwordMaxLength) {
    throw new AdminSetupError(
      'invalid_password',
      `the password must be ${LIMITS.passwordMinLength} to ${LIMITS.passwordMaxLength} characters long`,
    );
  }
  return password;
}

const summary = (user: User) => ({ id: user.id, email: user.email, name: user.name });

/**
 * Creates an admin account, or with `promote` makes the existing account with that email one.
 * Throws AdminSetupError for what the operator must change, ConfigError for the environment.
 * @example await setUpAdmin({ email: 'ops@example.com', password: async () => secret })
 */
export async function setUpAdmin(
  input: AdminSetupInput,
  env: Record<string, string | undefined> = process.env,
): Promise<AdminSetupResult> {
  const email = checkedEmail(input.email);
  const name = checkedName(input.name);
  // Every answer is in before anything is written; with `promote` the password may not be needed.
  let password = input.promote ? null : await checkedPassword(input.password);
  const config = loadConfig(env);
  const handle = await openDatabase(config);
  try {
    const { applied } = await upgradeDatabase(handle);
    const users = new UserRepository(handle.db, () => new Date());
    const existing = await users.findRowByEmail(email);
    if (existing) {
      if (!input.promote) throw new AdminSetupError('email_taken', `an account with the email ${email} already exists`);
      const user = (await users.findById(existing.id))!;
      if (user.grantedAdmin) return { outcome: 'already_admin', user: summary(user), migrations: applied };
      if (!user.emailVerified) {
        throw new AdminSetupError(
          'email_not_verified',
          `the account ${email} has not confirmed its email address, so it may not be who you think`,
        );
      }
      return { outcome: 'promoted', user: summary((await users.grantAdmin(user.id))!), migrations: applied };
    }
    password ??= await checkedPassword(input.password);
    try {
      const user = await users.create({
        email,
        name,
        passwordHash: await hashPassword(password),
        emailVerified: true,
        grantedAdmin: true,
      });
      return { outcome: 'created', user: summary(user), migrations: applied };
    } catch (error) {
      // Signed up in the moment between the look-up and the insert.
      if (isAppError(error) && error.code === 'email_taken') {
        throw new AdminSetupError('email_taken', `an account with the email ${email} already exists`);
      }
      throw error;
    }
  } finally {
    await handle.close();
  }
}
