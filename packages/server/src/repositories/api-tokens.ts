import { randomUUID } from 'node:crypto';
import { errors, LIMITS } from '@chatshare/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { API_TOKEN_PREFIX, newSecretToken, sha256 } from '../auth/tokens.js';
import type { ApiTokenRow, Database } from '../db/schema.js';
import { toUser, type User } from './users.js';

export interface ApiToken {
  id: string;
  name: string;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const toApiToken = (row: ApiTokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  hint: row.token_hint,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

export class ApiTokenRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
    /** Where a failed "last used" write is reported (it never fails the request). */
    private readonly log?: Pick<FastifyBaseLogger, 'warn'>,
  ) {}

  /** Creates a token; the secret is returned once and only its hash is kept. */
  async create(userId: string, name: string): Promise<{ token: string; apiToken: ApiToken }> {
    const { count } = await this.db
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(count) >= LIMITS.tokensPerUser) {
      throw errors.conflict(`You can have at most ${LIMITS.tokensPerUser} API tokens; revoke one first.`);
    }
    const token = newSecretToken(API_TOKEN_PREFIX);
    const row: ApiTokenRow = {
      id: randomUUID(),
      user_id: userId,
      name,
      token_hash: sha256(token),
      token_hint: token.slice(-4),
      created_at: this.now().toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.db.insertInto('api_tokens').values(row).execute();
    return { token, apiToken: toApiToken(row) };
  }

  async list(userId: string): Promise<ApiToken[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toApiToken);
  }

  /** Revokes the user's own token; false when there is no such live token of theirs. */
  async revoke(userId: string, id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: this.now().toISOString() })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async findUser(token: string): Promise<User | undefined> {
    const hash = sha256(token);
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('users')
      .select(['api_tokens.id as token_id', 'api_tokens.last_used_at as token_last_used_at'])
      .where('api_tokens.token_hash', '=', hash)
      .where('api_tokens.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    // "Last used" to the minute is enough, and spares a write on every API request. It is
    // bookkeeping: a read must not fail because it cannot be written (a full disk, say).
    const now = this.now();
    if (!row.token_last_used_at || now.getTime() - Date.parse(row.token_last_used_at) >= 60_000) {
      try {
        await this.db
          .updateTable('api_tokens')
          .set({ last_used_at: now.toISOString() })
          .where('id', '=', row.token_id)
          .execute();
      } catch (error) {
        this.log?.warn({ err: error }, 'could not record the last use of an API token');
      }
    }
    return toUser(row);
  }
}
