/**
 * Every size and count limit in one place: the route schemas, the storage layer and the
 * UI read them from here so a limit is never enforced in one layer and forgotten in another.
 */
export const LIMITS = {
  /** Whole request body for JSON routes (bytes). */
  bodyBytes: 10 * 1024 * 1024,
  /** An uploaded export file (bytes); it is read as a stream, never held whole. */
  importFileBytes: 1024 * 1024 * 1024,
  titleLength: 300,
  messagesPerConversation: 5_000,
  partsPerMessage: 200,
  /** A single text, code or reasoning part (characters). */
  partTextLength: 1_000_000,
  authorLength: 120,
  modelNameLength: 200,
  modelsPerConversation: 50,
  messageIdLength: 200,
  /** The source's own id for a conversation (ChatGPT `conversation_id`, Claude `uuid`, …). */
  sourceIdLength: 200,
  emailLength: 254,
  passwordMinLength: 8,
  passwordMaxLength: 256,
  sharePasswordMaxLength: 256,
  allowedEmailsPerShare: 200,
  tokenNameLength: 100,
  tokensPerUser: 50,
  displayNameLength: 120,
  searchQueryLength: 200,
  pageSizeMax: 100,
  pageSizeDefault: 20,
  /** `expiresIn` is in hours; ten years is the longest finite expiry. */
  expiresInHoursMax: 24 * 365 * 10,
  maxViewsMax: 1_000_000_000,
  /** How many days of views per day an owner can ask for at once. */
  viewHistoryDaysMax: 365,
  /** A reader's note on a report, and an admin's reason for a takedown (characters). */
  reportNoteLength: 1_000,
  takedownReasonLength: 1_000,
  /** Open reports kept per share; more add nothing an admin needs to see. */
  openReportsPerShare: 100,
} as const;

/** Rate limits for guessable or abusable paths: `max` requests per `windowMs`. */
export const RATE_LIMITS = {
  /** Password attempts on one share from one address. */
  unlock: { max: 10, windowMs: 15 * 60_000 },
  /** Misses (404) on share paths from one address: slows down code guessing. */
  shareMiss: { max: 60, windowMs: 10 * 60_000 },
  /** Share creation and update by one user. */
  shareCreate: { max: 60, windowMs: 60_000 },
  /** Explore listings and searches from one address (a search costs more than a page view). */
  explore: { max: 120, windowMs: 60_000 },
  /** Sign-in and sign-up attempts from one address. */
  auth: { max: 20, windowMs: 15 * 60_000 },
  /** Reports of shared links from one address (the API and the page's form together). */
  report: { max: 5, windowMs: 10 * 60_000 },
} as const;

/** How long things live (milliseconds). */
export const LIFETIMES = {
  sessionMs: 30 * 24 * 3600_000,
  unlockMs: 24 * 3600_000,
  emailVerificationMs: 48 * 3600_000,
} as const;
