/**
 * API token use cases for the signed-in owner: list, create (the secret is shown once) and
 * revoke. Each user reaches only their own tokens; another user's token is "not found".
 */
import { cleanLine, errors } from '@chatshare/core';
import type { ApiToken, ApiTokenRepository } from '../repositories/api-tokens.js';
import type { User } from '../repositories/users.js';

/** A token's name as stored: one line, trimmed; a blank one is refused. */
export function tokenName(raw: string): string {
  const name = cleanLine(raw);
  if (name === '') throw errors.validation('body.name must not be blank');
  return name;
}

export class ApiTokenService {
  constructor(private readonly tokens: Pick<ApiTokenRepository, 'list' | 'create' | 'revoke'>) {}

  list(user: User): Promise<ApiToken[]> {
    return this.tokens.list(user.id);
  }

  /** A new token and its secret, which is never shown again. */
  create(user: User, name: string): Promise<{ token: string; apiToken: ApiToken }> {
    return this.tokens.create(user.id, tokenName(name));
  }

  async revoke(user: User, id: string): Promise<void> {
    if (!(await this.tokens.revoke(user.id, id))) throw errors.tokenNotFound();
  }
}
