/**
 * TRUST_PROXY: whose `X-Forwarded-For` to believe. nginx's usual `$proxy_add_x_forwarded_for`
 * appends the address it saw to what the client sent, so only entries added by our own
 * proxies are true; the left-most one is whatever the client wrote.
 */
import { isIP } from 'node:net';

/** `false` (none), a number of proxy hops in front, or the proxies' addresses and CIDR ranges. */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for address ranges, which Fastify's `trustProxy` accepts in a list. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrCidr(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address = '', bits, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * TRUST_PROXY: off, a hop count, or the proxies' addresses. `true` is refused: it trusts the
 * left-most X-Forwarded-For, which the client writes, so every client could pick its address.
 * @example parseTrustProxy('127.0.0.1, 10.0.0.0/8', []) // ['127.0.0.1', '10.0.0.0/8']
 */
export function parseTrustProxy(value: string | undefined, problems: string[]): TrustProxy {
  const lower = value?.toLowerCase();
  if (lower === undefined || ['0', 'false', 'no', 'off'].includes(lower)) return false;
  if (['true', 'yes', 'on'].includes(lower)) {
    problems.push(
      `TRUST_PROXY=${value} would trust any X-Forwarded-For a client sends, so anyone could pick their address and get around rate limits; set the number of proxies in front instead, a hop count such as 1 for one nginx, or the proxies' addresses (e.g. 127.0.0.1 or 10.0.0.0/8)`,
    );
    return false;
  }
  if (/^\d+$/.test(lower)) {
    const hops = Number(lower);
    if (hops <= 10) return hops === 0 ? false : hops;
    problems.push(`TRUST_PROXY must be a hop count from 0 to 10 (got "${value}")`);
    return false;
  }
  const entries = lower
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!isAddressOrCidr(entry)) {
      problems.push(
        `TRUST_PROXY: "${entry}" is not a hop count, an IP address or a CIDR range (like 1, 127.0.0.1 or 10.0.0.0/8)`,
      );
    }
  }
  return entries;
}

/**
 * The `trustProxy` option for Fastify. A hop count becomes "trust the nearest n": Fastify
 * itself trusts nothing for a number, which would make every reader behind the proxy one
 * address (one shared rate limit).
 */
export function fastifyTrustProxy(value: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return value;
}
