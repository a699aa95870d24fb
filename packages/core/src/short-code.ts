/**
 * Public share codes: 12 base62 characters, about 71 bits of randomness, so codes cannot
 * be guessed or enumerated. Core has no I/O, so the caller passes its random source.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const SHORT_CODE_LENGTH = 12;
export const SHORT_CODE_PATTERN = /^[0-9A-Za-z]{12}$/;

/**
 * @param randomBytes a cryptographic source, e.g. `crypto.randomBytes`
 * @example makeShortCode((n) => crypto.randomBytes(n)) // "k3Xb09QzLmP2"
 */
export function makeShortCode(randomBytes: (size: number) => Uint8Array): string {
  let code = '';
  while (code.length < SHORT_CODE_LENGTH) {
    for (const byte of randomBytes(16)) {
      // 248 = 4 * 62: bytes above it are dropped so every character is equally likely.
      if (byte < 248 && code.length < SHORT_CODE_LENGTH) code += ALPHABET[byte % 62];
    }
  }
  return code;
}

export const isShortCode = (value: string): boolean => SHORT_CODE_PATTERN.test(value);
