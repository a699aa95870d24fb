import { randomUUID } from 'node:crypto';
import { errors } from '@chatshare/core';
import type { Kysely } from 'kysely';
import type { Database, NewUserRow, UserRow } from '../db/schema.js';
import { isUniqueViolation } from './db-errors.js';

export interface User {
  id: string;
  email: string;
  name: string | null;
  emailVerified: boolean;
  createdAt: string;
  /** Made an admin by the operator (`chatshare admin create`), whatever ADMIN_EMAILS says. */
  grantedAdmin: boolean;
}

export const toUser = (row: Omit<UserRow, 'first_account'>): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  emailVerified: row.email_verified_at !== null,
  createdAt: row.created_at,
  grantedAdmin: row.admin_granted_at !== null,
});

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export class UserRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  /**
   * A new account. `emailVerified` and `grantedAdmin` are for accounts the operator creates
   * (`chatshare admin create`): sign-up never sets them.
   */
  async create(input: {
    email: string;
    name: string | null;
    passwordHash: string;
    emailVerified?: boolean;
    grantedAdmin?: boolean;
  }): Promise<User> {
    const at = this.now().toISOString();
    const row = {
      id: randomUUID(),
      email: normalizeEmail(input.email),
      name: input.name,
      password_hash: input.passwordHash,
      email_verified_at: input.emailVerified ? at : null,
      created_at: at,
      updated_at: at,
      admin_granted_at: input.grantedAdmin ? at : null,
    } satisfies NewUserRow;
    try {
      await this.db.insertInto('users').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw errors.emailTaken();
      throw error;
    }
    await this.claimFirstAccount(row.id);
    return toUser(row);
  }

  /**
   * Marks the account as the instance's first if no account is marked yet. Two sign-ups at
   * once may both try; the partial unique index lets only one succeed, on either dialect.
   */
  private async claimFirstAccount(id: string): Promise<void> {
    try {
      await this.db
        .updateTable('users')
        .set({ first_account: 1 })
        .where('id', '=', id)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('users as u').select('u.id').where('u.first_account', '=', 1))))
        .execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  async findRowByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
  }

  async findById(id: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  /** The display name alone: what a link with `showAuthor` shows, read on every view. */
  async nameOf(id: string): Promise<string | null> {
    const row = await this.db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst();
    return row?.name ?? null;
  }

  /** Sets or (with null) clears the display name; the account as it is now, or undefined if it is gone. */
  async setName(id: string, name: string | null): Promise<User | undefined> {
    await this.db
      .updateTable('users')
      .set({ name, updated_at: this.now().toISOString() })
      .where('id', '=', id)
      .execute();
    return this.findById(id);
  }

  /** Makes the account an admin (kept once granted); the account as it is now, or undefined if it is gone. */
  async grantAdmin(id: string): Promise<User | undefined> {
    const at = this.now().toISOString();
    await this.db
      .updateTable('users')
      .set({ admin_granted_at: at, updated_at: at })
      .where('id', '=', id)
      .where('admin_granted_at', 'is', null)
      .execute();
    return this.findById(id);
  }

  /** The instance's first account: its admin when ADMIN_EMAILS is unset. */
  async firstAccountId(): Promise<string | null> {
    const row = await this.db.selectFrom('users').select('id').where('first_account', '=', 1).executeTakeFirst();
    return row?.id ?? null;
  }

  /** Marks the email verified, only if it is still the account's email. */
  async markVerified(id: string, email: string): Promise<boolean> {
    const at = this.now().toISOString();
    const result = await this.db
      .updateTable('users')
      .set({ email_verified_at: at, updated_at: at })
      .where('id', '=', id)
      .where('email', '=', normalizeEmail(email))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
