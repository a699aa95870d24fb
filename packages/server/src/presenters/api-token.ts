/** What the owner sees of their API tokens: never the secret's hash, the secret itself only once. */
import type { ApiToken } from '../repositories/api-tokens.js';

export const presentApiToken = (token: ApiToken) => ({
  id: token.id,
  name: token.name,
  hint: token.hint,
  createdAt: token.createdAt,
  lastUsedAt: token.lastUsedAt,
});

/** The answer to creating a token: the secret, which no later response repeats, and the token. */
export const presentCreatedApiToken = (created: { token: string; apiToken: ApiToken }) => ({
  token: created.token,
  apiToken: presentApiToken(created.apiToken),
});
