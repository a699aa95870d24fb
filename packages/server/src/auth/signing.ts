/**
 * HMAC-signed values (email verification links, share unlock cookies). Each use has its own
 * key derived from SESSION_SECRET and a purpose, so a value signed for one use is useless in another.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SigningPurpose = 'email-verification' | 'share-unlock';

export interface Signer {
  sign(payload: string): string;
  /** The payload if the signature is valid, else null. */
  verify(signed: string): string | null;
}

export function createSigner(secret: string, purpose: SigningPurpose): Signer {
  const key = createHmac('sha256', secret).update(`chatshare:${purpose}`).digest();
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  return {
    sign: (payload) => `${payload}.${mac(payload)}`,
    verify(signed) {
      const dot = signed.lastIndexOf('.');
      if (dot <= 0) return null;
      const payload = signed.slice(0, dot);
      const given = Buffer.from(signed.slice(dot + 1));
      const expected = Buffer.from(mac(payload));
      return given.length === expected.length && timingSafeEqual(given, expected) ? payload : null;
    },
  };
}
