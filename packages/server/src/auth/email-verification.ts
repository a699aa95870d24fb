/** Email verification links: a signed, expiring token naming the account and the email it proves. */
import { errors, LIFETIMES } from '@chatshare/core';
import type { Signer } from './signing.js';

export function createVerificationToken(signer: Signer, userId: string, email: string, now: Date): string {
  const payload = Buffer.from(
    JSON.stringify({ u: userId, e: email, x: now.getTime() + LIFETIMES.emailVerificationMs }),
  ).toString('base64url');
  return signer.sign(payload);
}

export function readVerificationToken(signer: Signer, token: string, now: Date): { userId: string; email: string } {
  const payload = signer.verify(token);
  if (payload === null) throw errors.invalidToken();
  try {
    const { u, e, x } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      u: unknown;
      e: unknown;
      x: unknown;
    };
    if (typeof u === 'string' && typeof e === 'string' && typeof x === 'number' && x > now.getTime()) {
      return { userId: u, email: e };
    }
  } catch {
    // a signed but unreadable payload is treated like any invalid token
  }
  throw errors.invalidToken();
}
