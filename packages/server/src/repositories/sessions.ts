import { LIFETIMES } from '@chatshare/core';
import type { Kysely } from 'kysely';
import { newSecretToken, sha256 } from '../auth/tokens.js';
import type { Database } from '../db/schema.js';
import { toUser, type User } from './users.js';

export class SessionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  /** Starts a session; returns the cookie token (only its hash is stored). */
  async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newSecretToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + LIFETIMES.sessionMs);
    await this.db
      .insertInto('sessions')
      .values({
        id: sha256(token),
        user_id: userId,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
    return { token, expiresAt };
  }

  async findUser(token: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .where('sessions.id', '=', sha256(token))
      .where('sessions.expires_at', '>', this.now().toISOString())
      .executeTakeFirst();
    return row && toUser(row);
  }

  async delete(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
  }
}
