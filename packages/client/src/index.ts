export {
  ChatshareClient,
  createClient,
  type AdminApi,
  type AppendMessagesOptions,
  type AuthApi,
  type CommunityApi,
  type ClientOptions,
  type ConversationsApi,
  type CreateConversationOptions,
  type ImportOptions,
  type ImportsApi,
  type SharedApi,
  type SharesApi,
  type TokensApi,
} from './client.js';
export {
  ChatshareError,
  CLIENT_ERROR_CODES,
  isChatshareError,
  safe,
  SERVER_ERROR_CODES,
  type ChatshareErrorCode,
  type ChatshareErrorInit,
  type ClientErrorCode,
  type Result,
  type ServerErrorCode,
} from './errors.js';
export type { Credentials, FetchLike, RequestOptions } from './http.js';
export { paginate, paginatePages } from './paging.js';
export { isRevealRequired } from './reveal.js';
export type * from './types.js';
