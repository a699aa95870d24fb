/**
 * Exit codes scripts can branch on. They are part of the command's interface: a number never
 * changes meaning, and new outcomes get new numbers.
 */
export const EXIT = {
  /** Everything worked. */
  ok: 0,
  /** Something failed that fits none of the codes below. */
  failure: 1,
  /** The command line is wrong: unknown option, missing argument, bad value. */
  usage: 2,
  /** Not signed in, or the token or password was refused. */
  auth: 3,
  /** The conversation, link or file does not exist. */
  notFound: 4,
  /** An import finished but skipped some conversations. */
  partial: 5,
  /** The server could not be reached or asked us to wait: trying again later may work. */
  unavailable: 6,
  /** What was to be created exists already (`admin create`: an account with this email). */
  conflict: 7,
  /** The file is not a sound chatshare database (`restore`: it failed the integrity check). */
  invalidBackup: 8,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table printed at the end of `chatshare --help` (and kept in step with the README). */
export const EXIT_CODES_HELP = `Exit codes:
  0  ok
  1  failure
  2  usage error (unknown option, missing argument, bad value)
  3  not signed in, or the token or password was refused
  4  not found (conversation, link or file)
  5  partial import: some conversations were skipped
  6  server unreachable or busy: try again later
  7  already exists (an account with this email, a backup file, a database with data)
  8  not a sound chatshare database (restore: the backup failed its check)`;
