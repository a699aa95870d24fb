/**
 * The cookie a correct share password earns: signed, scoped to one share code, carrying the
 * share's `passwordVersion` (a password change makes every old cookie worthless) and an expiry.
 */
import { LIFETIMES } from '@chatshare/core';
import type { Signer } from './signing.js';

export const unlockCookieName = (code: string) => `cs_unlock_${code}`;

export function createUnlockValue(signer: Signer, code: string, passwordVersion: number, now: Date): string {
  return signer.sign(`${code}.${passwordVersion}.${now.getTime() + LIFETIMES.unlockMs}`);
}

/** The password version the cookie unlocked, or null if it is missing, forged, for another share or expired. */
export function readUnlockValue(signer: Signer, code: string, value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const payload = signer.verify(value);
  const [cookieCode, version, expires] = payload?.split('.') ?? [];
  if (cookieCode !== code || !version || !expires || Number(expires) <= now.getTime()) return null;
  const parsed = Number(version);
  return Number.isInteger(parsed) ? parsed : null;
}
