/**
 * Every failure the command reports becomes `{ message, code, exitCode }`, printed as
 * `error: <message> (<code>)`. Expected failures (the server said no, a file is missing, a
 * flag is wrong) never show a stack trace; only bugs do.
 */
import { isChatshareError, type ChatshareError } from '@chatshare/client';
import { EXIT, type ExitCode } from './exit-codes.js';

/** A failure the command expects and explains: it carries its own code and exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: ExitCode = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(message, 'usage_error', EXIT.usage);

export const notSignedIn = (url: string) =>
  new CliError(
    `not signed in to ${url}: run \`chatshare login\`, or pass --token / set CHATSHARE_TOKEN`,
    'not_signed_in',
    EXIT.auth,
  );

export interface DescribedError {
  message: string;
  code: string;
  exitCode: ExitCode;
  /** False for bugs: those are printed with their stack. */
  expected: boolean;
}

/** Server answers that mean "wait and try again" rather than "no". */
const RETRYABLE_CODES = new Set(['network_error', 'rate_limited', 'not_ready']);

export function exitCodeOf(error: ChatshareError): ExitCode {
  if (RETRYABLE_CODES.has(error.code) || [502, 503, 504].includes(error.status)) return EXIT.unavailable;
  if (error.status === 401) return EXIT.auth;
  if (error.status === 404) return EXIT.notFound;
  return EXIT.failure;
}

function chatshareMessage(error: ChatshareError): string {
  // "fetch failed" alone says little; the cause's code (ECONNREFUSED, ENOTFOUND) says why.
  const cause = (error.cause as { cause?: { code?: unknown } } | undefined)?.cause;
  const why = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  const wait = error.retryAfter !== undefined ? ` Try again in ${error.retryAfter} s.` : '';
  return `${error.message}${why}${wait}`;
}

const FILE_ERRORS: Record<string, { code: string; exitCode: ExitCode; text: string }> = {
  ENOENT: { code: 'file_not_found', exitCode: EXIT.notFound, text: 'no such file' },
  EISDIR: { code: 'file_unreadable', exitCode: EXIT.failure, text: 'is a directory' },
  EACCES: { code: 'file_unreadable', exitCode: EXIT.failure, text: 'permission denied' },
  EPERM: { code: 'file_unreadable', exitCode: EXIT.failure, text: 'permission denied' },
};

export function describeError(error: unknown): DescribedError {
  if (error instanceof CliError) {
    return { message: error.message, code: error.code, exitCode: error.exitCode, expected: true };
  }
  if (isChatshareError(error)) {
    return { message: chatshareMessage(error), code: error.code, exitCode: exitCodeOf(error), expected: true };
  }
  const system = error as NodeJS.ErrnoException;
  if (system && typeof system.code === 'string' && FILE_ERRORS[system.code]) {
    const known = FILE_ERRORS[system.code]!;
    return { message: `${system.path ?? 'file'}: ${known.text}`, ...known, expected: true };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, code: 'unexpected_error', exitCode: EXIT.failure, expected: false };
}
