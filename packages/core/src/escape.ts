/** Escaping text for HTML and XML, from one table of entities. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const entityOf = (char: string): string => ENTITIES[char]!;

/** Text made safe for HTML element content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, entityOf);

/**
 * Text made safe for a double-quoted HTML attribute; apostrophes stay as they are.
 * @example `<div data-chatshare="${escapeAttribute(url)}"></div>`
 */
export const escapeAttribute = (text: string): string => text.replace(/[&<>"]/g, entityOf);

/** Text made safe for XML content and attributes, with XML's own `&apos;`. */
export const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => (char === "'" ? '&apos;' : entityOf(char)));
