/** Small, total readers over untrusted JSON: they never throw on a wrong type. */

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * Replaces lone UTF-16 surrogates with U+FFFD so the text can be stored and encoded
 * (a JSON file may carry `\ud800` escapes that are not valid Unicode).
 */
export const wellFormed = (text: string): string =>
  text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** Seconds (ChatGPT, Open WebUI) or milliseconds since the epoch, or an ISO string, to ISO. */
export function toIsoDate(value: unknown, unit: 'seconds' | 'milliseconds' | 'auto' = 'auto'): string | undefined {
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : toIsoDate(parsed, 'milliseconds');
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const ms = unit === 'seconds' || (unit === 'auto' && value < 1e11) ? value * 1000 : value;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return undefined;
  const iso = date.toISOString();
  // Years outside 0000–9999 print as "+010000-…", which is not an RFC 3339 date-time.
  return /^\d{4}-/.test(iso) ? iso : undefined;
}
