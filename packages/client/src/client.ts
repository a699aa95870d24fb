/**
 * The SDK entry point: `createClient(options)` returns a client whose methods mirror the
 * REST API one to one. Every method resolves to the JSON body the server sends (nothing for
 * 202/204) and rejects with a ChatshareError.
 */
import type { ImportFormat } from '@chatshare/core';
import {
  send,
  type Credentials,
  type FetchLike,
  type HttpConfig,
  type HttpRequest,
  type RequestOptions,
} from './http.js';
import { paginate } from './paging.js';
import type {
  ApiTokenList,
  CreateApiTokenInput,
  Conversation,
  ConversationInput,
  ConversationSnapshot,
  ConversationSummary,
  CreatedApiToken,
  CreateReportInput,
  ExplorePage,
  ExploreQuery,
  CreateShareInput,
  DailyViews,
  Health,
  ImportReport,
  InstanceConfig,
  ListConversationsQuery,
  ListReportsQuery,
  ListSharesQuery,
  ModeratedShare,
  NewMessage,
  OnDuplicate,
  OpenAIChatMessage,
  Page,
  PublicationInput,
  Readiness,
  Report,
  ReportReceived,
  RevokeAllResult,
  ScanQuery,
  ScanResult,
  Share,
  SharedConversation,
  SessionResponse,
  SharedRevealRequired,
  ShareViewsQuery,
  SigninInput,
  SignupInput,
  SnapshotQuery,
  TakedownInput,
  UnlockResult,
  UpdateMeInput,
  UpdateShareInput,
  UserResponse,
} from './types.js';

const API = '/api/v1';

export interface ClientOptions {
  /**
   * Where the server runs, e.g. `https://chat.example.com` (without `/api/v1`). In a browser,
   * `''` means the page's own origin.
   */
  baseUrl: string;
  /**
   * An API token (`Authorization: Bearer`). Without one, requests rely on the browser's
   * session cookie: fine in a browser, which also sends the `Origin` header the server
   * requires on cookie-authenticated changes. Scripts and servers should use a token.
   */
  token?: string;
  /** Defaults to the global `fetch`, looked up at call time. */
  fetch?: FetchLike;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Defaults to `include` without a token (the session cookie must travel), otherwise unset. */
  credentials?: Credentials;
}

export interface CreateConversationOptions extends RequestOptions {
  /** Skip auto-detection and read the input in this format. */
  format?: ImportFormat;
  /**
   * Treat the call as an import: a conversation imported before is skipped (rejects with
   * `already_imported` or `changed_since_import`, `details.conversationId` the stored one),
   * updated in place, or copied. Without it the conversation is always created.
   */
  onDuplicate?: OnDuplicate;
}

export interface ImportOptions extends RequestOptions {
  format?: ImportFormat;
  /** Conversations imported before: `skip` (default), `update` changed ones, or `copy`. */
  onDuplicate?: OnDuplicate;
  filename?: string;
}

export interface AppendMessagesOptions extends RequestOptions {
  /** The message to reply to; default the current leaf, `null` starts a new root. */
  parentId?: string | null;
}

export interface AuthApi {
  /** Creates an account and starts a session (the cookie, in a browser). */
  signup(input: SignupInput, options?: RequestOptions): Promise<UserResponse>;
  signin(input: SigninInput, options?: RequestOptions): Promise<UserResponse>;
  /** Ends the cookie session; an API token stays valid (revoke it with `tokens.revoke`). */
  signout(options?: RequestOptions): Promise<void>;
  /** Confirms an email address with the token from the verification mail. */
  verify(token: string, options?: RequestOptions): Promise<UserResponse>;
  /** Sends the verification mail again; `conflict` if the address is already confirmed. */
  resendVerification(options?: RequestOptions): Promise<void>;
  /**
   * Who is signed in, `{ user: null }` for nobody: unlike `me()`, being signed out is not an
   * error (a page that only wants to know asks this, and logs no failed request).
   */
  session(options?: RequestOptions): Promise<SessionResponse>;
}

export interface TokensApi {
  list(options?: RequestOptions): Promise<ApiTokenList>;
  /** The secret is in `token` and is never shown again. */
  create(input: CreateApiTokenInput, options?: RequestOptions): Promise<CreatedApiToken>;
  revoke(id: string, options?: RequestOptions): Promise<void>;
}

export interface ConversationsApi {
  /** Creates a conversation from chatshare JSON. */
  create(conversation: ConversationInput, options?: CreateConversationOptions): Promise<Conversation>;
  /** Creates a conversation from any supported format (auto-detected unless `format` says). */
  create(input: unknown, options?: CreateConversationOptions): Promise<Conversation>;
  /**
   * Uploads a file's text as is (JSON, or JSON Lines such as a fine-tuning file); the server
   * parses it. Saves parsing large exports in the client.
   */
  createFromText(text: string, options?: CreateConversationOptions): Promise<Conversation>;
  /** My conversations, most recently updated first. */
  list(query?: ListConversationsQuery, options?: RequestOptions): Promise<Page<ConversationSummary>>;
  /** Every conversation matching `query`, fetching pages as the loop advances. */
  listAll(
    query?: ListConversationsQuery,
    options?: RequestOptions,
  ): AsyncGenerator<ConversationSummary, void, undefined>;
  get(id: string, options?: RequestOptions): Promise<Conversation>;
  rename(id: string, title: string, options?: RequestOptions): Promise<Conversation>;
  /** Deletes the conversation; its links stop working at once. */
  delete(id: string, options?: RequestOptions): Promise<void>;
  /** Appends messages as a chain after `parentId` (default: the current leaf). */
  appendMessages(
    id: string,
    messages: NewMessage[] | OpenAIChatMessage[],
    options?: AppendMessagesOptions,
  ): Promise<Conversation>;
  /** What a link of the conversation would show (and the secrets in it), without creating one. */
  snapshot(id: string, query?: SnapshotQuery, options?: RequestOptions): Promise<ConversationSnapshot>;
}

export interface SharesApi {
  /** Shares a conversation; for an already shared one, refreshes the snapshot and keeps the code. */
  create(input: CreateShareInput, options?: RequestOptions): Promise<Share>;
  list(query?: ListSharesQuery, options?: RequestOptions): Promise<Page<Share>>;
  /** Every share matching `query`, fetching pages as the loop advances. */
  listAll(query?: ListSharesQuery, options?: RequestOptions): AsyncGenerator<Share, void, undefined>;
  get(id: string, options?: RequestOptions): Promise<Share>;
  /** Changes settings, or with `refresh: true` re-snapshots the conversation. */
  update(id: string, input: UpdateShareInput, options?: RequestOptions): Promise<Share>;
  /** Revokes the link: a 404 from the next request on. Resolves to the revoked share. */
  revoke(id: string, options?: RequestOptions): Promise<Share>;
  /**
   * Gives the link a new code and kills the old one at once (a 404 from the next request on);
   * settings, snapshot and view count stay. Resolves to the share with its new `shortCode`.
   */
  rotate(id: string, options?: RequestOptions): Promise<Share>;
  /** Revokes every live link of the signed-in user. */
  revokeAll(options?: RequestOptions): Promise<RevokeAllResult>;
  /** The conversation's live link; `share_not_found` when it is not shared. */
  forConversation(conversationId: string, options?: RequestOptions): Promise<Share>;
  /** Secrets that sharing the conversation (or the branch ending at `leafMessageId`) would publish. */
  scan(conversationId: string, query?: ScanQuery, options?: RequestOptions): Promise<ScanResult>;
  /** Views per UTC day for the last `days` days (default 30), oldest first, zeros included. */
  views(id: string, query?: ShareViewsQuery, options?: RequestOptions): Promise<DailyViews[]>;
}

export interface CommunityApi {
  /**
   * Publishes a conversation another instance sent to this one's /publish page, as a public
   * link of the signed-in user. `community_origin_not_allowed` when this instance does not
   * accept that sender; `open_sharing_disabled` when it allows no public links.
   */
  publish(input: PublicationInput, options?: RequestOptions): Promise<Share>;
}

export interface ImportsApi {
  /**
   * Uploads a whole export file (ChatGPT, Claude, Open WebUI, LibreChat, OpenAI; auto-detected
   * unless `format` says). Resolves to what happened to each conversation in it.
   */
  upload(file: Blob, options?: ImportOptions): Promise<ImportReport>;
}

export interface SharedApi {
  /**
   * A shared conversation, under the same access rules as its page. No sign-in needed. A link
   * with a view limit answers its reveal step instead (`isRevealRequired`), using no view.
   */
  get(code: string, options?: RequestOptions): Promise<SharedConversation | SharedRevealRequired>;
  /** Uses one view of a view-limited link and answers its conversation (`share_expired` once used up). */
  reveal(code: string, options?: RequestOptions): Promise<SharedConversation>;
  /** Public shares, newest or most viewed, or a ranked full-text search (explore). No sign-in needed. */
  explore(query?: ExploreQuery, options?: RequestOptions): Promise<ExplorePage>;
  /**
   * Sends a link's password. The server answers with a cookie scoped to that link: a browser
   * keeps it; elsewhere this client keeps it in memory so its later `get(code)` is unlocked.
   */
  unlock(code: string, password: string, options?: RequestOptions): Promise<UnlockResult>;
  /** Reports a link to the instance's admins; works without an account (rate limited). */
  report(code: string, input: CreateReportInput, options?: RequestOptions): Promise<ReportReceived>;
  /**
   * Saves a copy of the link, as its page shows it, into the signed-in user's account and
   * resolves to the new conversation (marked `copiedFrom`). Not a view. `copy_not_allowed`
   * where the owner or the instance does not allow copies; a locked link needs `unlock` first.
   */
  copy(code: string, options?: RequestOptions): Promise<Conversation>;
}

/** The instance admin's API; `forbidden` for everyone else. */
export interface AdminApi {
  /** Reports, newest first; `open` ones unless `status` says otherwise. */
  reports(query?: ListReportsQuery, options?: RequestOptions): Promise<Page<Report>>;
  /** Closes a report without acting on its link. */
  dismissReport(id: string, options?: RequestOptions): Promise<Report>;
  /** Takes a link down (a 404 for everyone but its owner) and closes its open reports. */
  takeDown(shareId: string, input: TakedownInput, options?: RequestOptions): Promise<ModeratedShare>;
  /** Lifts a takedown. */
  restore(shareId: string, options?: RequestOptions): Promise<ModeratedShare>;
}

const segment = (value: string) => encodeURIComponent(value);

/** `name=value` of each cookie a response sets (readable outside browsers only). */
function cookiePairs(response: Response): string[] {
  const headers = response.headers as Headers & { getSetCookie?: () => string[] };
  if (typeof headers.getSetCookie !== 'function') return [];
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(';', 1)[0]!.trim())
    .filter((pair) => pair.includes('='));
}

export class ChatshareClient {
  readonly auth: AuthApi;
  readonly tokens: TokensApi;
  readonly conversations: ConversationsApi;
  readonly shares: SharesApi;
  readonly shared: SharedApi;
  readonly imports: ImportsApi;
  readonly community: CommunityApi;
  readonly admin: AdminApi;

  readonly #options: ClientOptions;
  readonly #http: HttpConfig;
  /** Unlock cookies by share code, for runtimes without a cookie jar. */
  readonly #unlockCookies = new Map<string, string[]>();

  constructor(options: ClientOptions) {
    this.#options = { ...options };
    this.#http = {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      token: options.token,
      // Looked up per call, and never called detached from globalThis (browsers reject that).
      fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
      headers: { ...options.headers },
      credentials: options.credentials ?? (options.token === undefined ? 'include' : undefined),
    };
    this.auth = this.#authApi();
    this.tokens = this.#tokensApi();
    this.conversations = this.#conversationsApi();
    this.shares = this.#sharesApi();
    this.shared = this.#sharedApi();
    this.imports = this.#importsApi();
    this.admin = this.#adminApi();
    this.community = {
      publish: (input, options) =>
        this.#json({ method: 'POST', path: `${API}/community/publications`, json: input, options }),
    };
  }

  /** A client with the same options but another token (`undefined` for cookie mode). */
  withToken(token: string | undefined): ChatshareClient {
    // An explicit `credentials` carries over; the default then follows the new token.
    const { token: _previous, ...rest } = this.#options;
    return new ChatshareClient({ ...rest, ...(token !== undefined ? { token } : {}) });
  }

  /** The signed-in user; `unauthenticated` when nobody is. */
  me(options?: RequestOptions): Promise<UserResponse> {
    return this.#json({ method: 'GET', path: `${API}/me`, options });
  }

  /**
   * Sets, changes or clears (`''` or `null`) the signed-in user's display name; live links
   * with "Show my name" show the new one from their next view on.
   * @example await client.updateMe({ name: 'Ada Lovelace' })
   */
  updateMe(input: UpdateMeInput, options?: RequestOptions): Promise<UserResponse> {
    return this.#json({ method: 'PATCH', path: `${API}/me`, json: input, options });
  }

  /** What this instance offers: sign-up, open sharing, community publishing. No sign-in needed. */
  config(options?: RequestOptions): Promise<InstanceConfig> {
    return this.#json({ method: 'GET', path: `${API}/config`, options });
  }

  /** Resolves when the process is up (`/healthz`). */
  health(options?: RequestOptions): Promise<Health> {
    return this.#json({ method: 'GET', path: '/healthz', options });
  }

  /** Resolves when the database answers (`degraded` when Redis does not); rejects with `not_ready` (503) otherwise. */
  ready(options?: RequestOptions): Promise<Readiness> {
    return this.#json({ method: 'GET', path: '/readyz', options });
  }

  async #json<T>(request: HttpRequest): Promise<T> {
    return (await send<T>(this.#http, request)).body;
  }

  async #empty(request: HttpRequest): Promise<void> {
    await send<void>(this.#http, { ...request, expect: 'empty' });
  }

  #authApi(): AuthApi {
    return {
      signup: (input, options) => this.#json({ method: 'POST', path: `${API}/auth/signup`, json: input, options }),
      signin: (input, options) => this.#json({ method: 'POST', path: `${API}/auth/signin`, json: input, options }),
      signout: (options) => this.#empty({ method: 'POST', path: `${API}/auth/signout`, options }),
      verify: (token, options) => this.#json({ method: 'POST', path: `${API}/auth/verify`, json: { token }, options }),
      resendVerification: (options) => this.#empty({ method: 'POST', path: `${API}/auth/verify/resend`, options }),
      session: (options) => this.#json({ method: 'GET', path: `${API}/auth/session`, options }),
    };
  }

  #tokensApi(): TokensApi {
    return {
      list: (options) => this.#json({ method: 'GET', path: `${API}/tokens`, options }),
      create: (input, options) => this.#json({ method: 'POST', path: `${API}/tokens`, json: input, options }),
      revoke: (id, options) => this.#empty({ method: 'DELETE', path: `${API}/tokens/${segment(id)}`, options }),
    };
  }

  #conversationsApi(): ConversationsApi {
    const path = `${API}/conversations`;
    const list = (query: ListConversationsQuery = {}, options?: RequestOptions) =>
      this.#json<Page<ConversationSummary>>({ method: 'GET', path, query: { ...query }, options });
    const split = ({ format, onDuplicate, ...options }: CreateConversationOptions = {}) => ({
      query: { format, onDuplicate },
      options,
    });
    return {
      create: (input: unknown, options?: CreateConversationOptions) => {
        // `undefined` would mean "no body" to the transport; the server should say what is wrong.
        return this.#json<Conversation>({
          method: 'POST',
          path,
          json: input === undefined ? null : input,
          ...split(options),
        });
      },
      createFromText: (text, options) =>
        this.#json({
          method: 'POST',
          path,
          text: { body: text, contentType: 'application/x-ndjson' },
          ...split(options),
        }),
      list,
      listAll: (query = {}, options) => paginate((page) => list(page, options), query),
      get: (id, options) => this.#json({ method: 'GET', path: `${path}/${segment(id)}`, options }),
      rename: (id, title, options) =>
        this.#json({ method: 'PATCH', path: `${path}/${segment(id)}`, json: { title }, options }),
      delete: (id, options) => this.#empty({ method: 'DELETE', path: `${path}/${segment(id)}`, options }),
      appendMessages: (id, messages, { parentId, ...options } = {}) =>
        this.#json({
          method: 'POST',
          path: `${path}/${segment(id)}/messages`,
          json: { messages, ...(parentId !== undefined ? { parentId } : {}) },
          options,
        }),
      snapshot: (id, query = {}, options) =>
        this.#json({ method: 'GET', path: `${path}/${segment(id)}/snapshot`, query: { ...query }, options }),
    };
  }

  #sharesApi(): SharesApi {
    const path = `${API}/shares`;
    const list = (query: ListSharesQuery = {}, options?: RequestOptions) =>
      this.#json<Page<Share>>({ method: 'GET', path, query: { ...query }, options });
    return {
      create: (input, options) => this.#json({ method: 'POST', path, json: input, options }),
      list,
      listAll: (query = {}, options) => paginate((page) => list(page, options), query),
      get: (id, options) => this.#json({ method: 'GET', path: `${path}/${segment(id)}`, options }),
      update: (id, input, options) =>
        this.#json({ method: 'PATCH', path: `${path}/${segment(id)}`, json: input, options }),
      revoke: (id, options) => this.#json({ method: 'DELETE', path: `${path}/${segment(id)}`, options }),
      rotate: (id, options) => this.#json({ method: 'POST', path: `${path}/${segment(id)}/rotate`, options }),
      revokeAll: (options) => this.#json({ method: 'DELETE', path, options }),
      forConversation: (conversationId, options) =>
        this.#json({ method: 'GET', path: `${API}/conversations/${segment(conversationId)}/share`, options }),
      scan: (conversationId, query = {}, options) =>
        this.#json({
          method: 'GET',
          path: `${API}/conversations/${segment(conversationId)}/secrets`,
          query: { ...query },
          options,
        }),
      views: (id, query = {}, options) =>
        this.#json({ method: 'GET', path: `${path}/${segment(id)}/views`, query: { ...query }, options }),
    };
  }

  #importsApi(): ImportsApi {
    return {
      upload: (file, { format, onDuplicate, filename, ...options } = {}) => {
        const form = new FormData();
        form.set('file', file, filename ?? (file instanceof File ? file.name : 'export.json'));
        return this.#json({ method: 'POST', path: `${API}/imports`, query: { format, onDuplicate }, form, options });
      },
    };
  }

  #adminApi(): AdminApi {
    const path = `${API}/admin`;
    return {
      reports: (query = {}, options) =>
        this.#json({ method: 'GET', path: `${path}/reports`, query: { ...query }, options }),
      dismissReport: (id, options) =>
        this.#json({ method: 'POST', path: `${path}/reports/${segment(id)}/dismiss`, options }),
      takeDown: (shareId, input, options) =>
        this.#json({ method: 'POST', path: `${path}/shares/${segment(shareId)}/takedown`, json: input, options }),
      restore: (shareId, options) =>
        this.#json({ method: 'DELETE', path: `${path}/shares/${segment(shareId)}/takedown`, options }),
    };
  }

  #sharedApi(): SharedApi {
    return {
      explore: (query = {}, options) =>
        this.#json<ExplorePage>({ method: 'GET', path: `${API}/shared`, query: { ...query }, options }),
      get: (code, options) =>
        this.#json({
          method: 'GET',
          path: `${API}/shared/${segment(code)}`,
          cookies: this.#unlockCookies.get(code) ?? [],
          options,
        }),
      reveal: (code, options) =>
        this.#json({
          method: 'POST',
          path: `${API}/shared/${segment(code)}/reveal`,
          cookies: this.#unlockCookies.get(code) ?? [],
          options,
        }),
      unlock: async (code, password, options) => {
        const { body, response } = await send<UnlockResult>(this.#http, {
          method: 'POST',
          path: `/s/${segment(code)}/unlock`,
          json: { password },
          cookies: this.#unlockCookies.get(code) ?? [],
          options,
        });
        const pairs = cookiePairs(response);
        if (pairs.length > 0) this.#unlockCookies.set(code, pairs);
        return body;
      },
      report: (code, input, options) =>
        this.#json({
          method: 'POST',
          path: `${API}/shared/${segment(code)}/reports`,
          json: input,
          // A locked link can be reported once unlocked, with the cookie `get` uses.
          cookies: this.#unlockCookies.get(code) ?? [],
          options,
        }),
      copy: (code, options) =>
        this.#json({
          method: 'POST',
          path: `${API}/shared/${segment(code)}/copies`,
          cookies: this.#unlockCookies.get(code) ?? [],
          options,
        }),
    };
  }
}

export const createClient = (options: ClientOptions): ChatshareClient => new ChatshareClient(options);
