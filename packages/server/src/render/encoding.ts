/** Content negotiation for the share pages: encoding from Accept-Encoding. */
import { negotiate } from '@fastify/accept-negotiator';

export type Encoding = 'br' | 'gzip' | 'identity';

/** Brotli first, then gzip; a header that accepts neither gets the page uncompressed. */
const COMPRESSED: ('br' | 'gzip')[] = ['br', 'gzip'];

/**
 * The accepted encoding of highest quality, Brotli on a tie; none when neither is accepted.
 * @example pickEncoding('gzip, deflate, br') // 'br'
 */
export function pickEncoding(header: string | undefined): Encoding {
  return (header && negotiate(header, COMPRESSED)) || 'identity';
}
