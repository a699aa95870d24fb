/**
 * Named error factories. Each has an HTTP status and a stable `code` that clients branch on;
 * a code is never reused for another meaning. People read `message`.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

const factory =
  (status: number, code: string, fallback: string) =>
  (message: string = fallback, details?: unknown) =>
    new AppError(status, code, message, details);

export const errors = {
  badRequest: factory(400, 'bad_request', 'The request is not valid.'),
  validation: factory(400, 'validation_failed', 'The request does not match the expected shape.'),
  invalidJson: factory(400, 'invalid_json', 'The request body is not valid JSON.'),
  invalidConversation: factory(400, 'invalid_conversation', 'The conversation is not valid.'),
  unsupportedFormat: factory(400, 'unsupported_format', 'The conversation format is not recognised.'),
  importFailed: factory(400, 'import_failed', 'The input could not be imported.'),
  /** A multipart upload that cannot be parsed: no or a bad boundary, a part cut off, not multipart at all. */
  invalidMultipart: factory(400, 'invalid_multipart', 'The multipart body is malformed.'),
  invalidCursor: factory(400, 'invalid_cursor', 'The paging cursor is not valid.'),
  emptySelection: factory(400, 'empty_selection', 'The chosen messages hold nothing to share.'),
  invalidToken: factory(400, 'invalid_token', 'The link is invalid or has expired.'),
  unauthenticated: factory(401, 'unauthenticated', 'Sign in to continue.'),
  invalidApiToken: factory(401, 'invalid_api_token', 'The API token is not valid or was revoked.'),
  invalidCredentials: factory(401, 'invalid_credentials', 'The email or password is wrong.'),
  passwordRequired: factory(401, 'password_required', 'This conversation is protected by a password.'),
  wrongPassword: factory(401, 'wrong_password', 'The password is wrong.'),
  forbidden: factory(403, 'forbidden', 'You are not allowed to do that.'),
  csrf: factory(403, 'csrf_rejected', 'The request did not come from this site.'),
  signupDisabled: factory(403, 'signup_disabled', 'Sign-up is disabled on this instance.'),
  ownShareReport: factory(403, 'own_share_report', 'You cannot report your own link; revoke it instead.'),
  openSharingDisabled: factory(
    403,
    'open_sharing_disabled',
    'This instance only allows private shares: viewers must sign in with an invited email.',
  ),
  communityOriginNotAllowed: factory(
    403,
    'community_origin_not_allowed',
    'This instance does not accept conversations sent from that site.',
  ),
  notFound: factory(404, 'not_found', 'Not found.'),
  conversationNotFound: factory(404, 'conversation_not_found', 'Conversation not found.'),
  shareNotFound: factory(404, 'share_not_found', 'This link does not exist or is no longer shared.'),
  tokenNotFound: factory(404, 'token_not_found', 'API token not found.'),
  messageNotFound: factory(404, 'message_not_found', 'Message not found in this conversation.'),
  reportNotFound: factory(404, 'report_not_found', 'Report not found.'),
  /** The link's owner (or the instance) does not let readers save a copy of this link. */
  copyNotAllowed: factory(403, 'copy_not_allowed', 'The owner of this link does not allow saving a copy.'),
  /** `details` names the range allowed: `{ first, last, maxPerImage }`. */
  imageRangeInvalid: factory(400, 'image_range_invalid', 'The chosen messages are outside this conversation.'),
  conflict: factory(409, 'conflict', 'The request conflicts with the current state.'),
  emailTaken: factory(409, 'email_taken', 'An account with this email already exists.'),
  /** `details.conversationId`: the stored conversation it is the same as. */
  alreadyImported: factory(409, 'already_imported', 'This conversation was imported before.'),
  /** `details.conversationId`: the stored conversation whose source went on since it was imported. */
  changedSinceImport: factory(
    409,
    'changed_since_import',
    'This conversation was imported before and has changed at its source since.',
  ),
  shareRevoked: factory(409, 'share_revoked', 'This link has been revoked.'),
  /** Updating the link would publish secrets its copy does not show yet; `details.warnings` lists them. */
  secretsDecisionRequired: factory(
    409,
    'secrets_decision_required',
    'The update would publish possible secrets: send redact: true to replace them, or redact: false to share them as they are.',
  ),
  shareExpired: factory(410, 'share_expired', 'This link has expired.'),
  /**
   * Every view of a view-limited link was used. Still `share_expired` (the link is dead, as
   * clients already handle); `details.usedUp` lets pages say "used up" instead of "expired".
   */
  shareUsedUp: (message = 'This link has been used up.') =>
    new AppError(410, 'share_expired', message, { usedUp: true }),
  shareTakenDown: factory(410, 'share_taken_down', 'An admin of this instance took this link down.'),
  payloadTooLarge: factory(413, 'payload_too_large', 'The request body is too large.'),
  /** The disk (or database) is full: writes are refused until there is room again; reads go on. */
  storageFull: factory(507, 'storage_full', 'The server has no room left to store this; try again later.'),
  /** The instance is stopping; another instance (or this one, restarted) answers the retry. */
  shuttingDown: factory(503, 'shutting_down', 'This server is restarting. Try again in a few seconds.'),
  unsupportedMediaType: factory(415, 'unsupported_media_type', 'The content type is not supported.'),
  rateLimited: factory(429, 'rate_limited', 'Too many requests. Try again later.'),
  urlNotSupported: factory(400, 'url_not_supported', 'The url is not a link to a conversation on this server.'),
  embedDisabled: factory(404, 'embed_disabled', 'The owner of this link does not allow embedding it.'),
  formatNotSupported: factory(501, 'format_not_supported', 'Only the json format is supported.'),
  /** PostgreSQL is restarting or out of reach; sent with Retry-After. */
  databaseUnavailable: factory(
    503,
    'database_unavailable',
    'The database is not reachable right now. Try again in a few seconds.',
  ),
} as const;

export type ErrorCode = ReturnType<(typeof errors)[keyof typeof errors]>['code'];

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
