/**
 * Parsers for option values. They throw commander's InvalidArgumentError, so a bad value is
 * reported like any other usage error (exit 2) before anything is sent.
 */
import { InvalidArgumentError } from 'commander';
import { CORE_LIMITS as LIMITS } from './core-values.js';

const UNITS: Record<string, number> = { m: 1 / 60, h: 1, d: 24, w: 24 * 7 };

/**
 * `1h`, `24h`, `7d`, `30d`, `2w`, `90m`, a bare number of hours (`36`, `0.5`), or `never`.
 * Returns hours, as the API takes them, or `'never'` (not null: commander turns a parser's
 * null into an empty string).
 */
export function parseExpires(value: string): number | 'never' {
  const text = value.trim().toLowerCase();
  if (text === 'never') return 'never';
  const match = /^(\d+(?:\.\d+)?)\s*([mhdw]?)$/.exec(text);
  const hours = match ? Number(match[1]) * UNITS[match[2] || 'h']! : NaN;
  if (!(hours > 0)) throw new InvalidArgumentError('Use 1h, 24h, 7d, 30d, never, or a number of hours.');
  if (hours > LIMITS.expiresInHoursMax) throw new InvalidArgumentError('The longest expiry is ten years.');
  return hours;
}

export function parsePositiveInteger(max: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1 || number > max) {
      throw new InvalidArgumentError(`Use a whole number from 1 to ${max}.`);
    }
    return number;
  };
}

/** `a@x.org, b@y.org` -> both addresses; an obviously wrong one is refused here, not by the server. */
export function parseEmails(value: string, previous: string[] = []): string[] {
  const emails = value
    .split(',')
    .map((email) => email.trim())
    .filter(Boolean);
  const wrong = emails.find((email) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email));
  if (wrong) throw new InvalidArgumentError(`"${wrong}" is not an email address.`);
  if (emails.length === 0) throw new InvalidArgumentError('Give at least one email address.');
  return [...previous, ...emails];
}
