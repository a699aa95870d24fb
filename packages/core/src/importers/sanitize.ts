/**
 * Bounded, well-formed values for drafts. Every importer sends foreign text through these so
 * lone surrogates never survive and no field outgrows its limit in LIMITS (model.ts).
 */
import { LIMITS } from '../limits.js';
import type { Part } from '../model.js';
import { isObject, wellFormed } from './read-helpers.js';

/** Well-formed text of at most `max` UTF-16 units; a cut text ends in "…" and never splits a surrogate pair. */
export function clip(text: string, max: number = LIMITS.partTextLength): string {
  if (text.length <= max) return wellFormed(text);
  if (max <= 1) return max === 1 ? '…' : '';
  let cut = text.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${wellFormed(cut)}…`;
}

/** A non-blank string clipped to `max`, or undefined for anything else. */
export function optionalText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return clip(value.trim(), max);
}

export const textPart = (text: string): Part[] => (text.trim() === '' ? [] : [{ type: 'text', text: clip(text) }]);

export const reasoningPart = (text: string): Part[] =>
  text.trim() === '' ? [] : [{ type: 'reasoning', text: clip(text) }];

export function codePart(text: string, language?: unknown): Part[] {
  if (text.trim() === '') return [];
  const lang = optionalText(language, 50);
  return [{ type: 'code', ...(lang && lang !== 'unknown' ? { language: lang } : {}), text: clip(text) }];
}

export const toolCallPart = (name: unknown, input: unknown): Part => ({
  type: 'tool_call',
  name: optionalText(name, 200) ?? 'tool',
  input: cleanJson(input),
});

export const toolResultPart = (output: string, name?: unknown): Part => {
  const label = optionalText(name, 200);
  return { type: 'tool_result', ...(label ? { name: label } : {}), output: clip(output) };
};

export function attachmentPart(name: unknown, mediaType?: unknown): Part {
  const type = optionalText(mediaType, 200);
  return { type: 'attachment', name: optionalText(name, 500) ?? 'file', ...(type ? { mediaType: type } : {}) };
}

const DATA_IMAGE = /^image\/(png|jpe?g|gif|webp)$/i;
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

/** An inline image from base64 data; too large or not an image type becomes an attachment placeholder. */
export function base64ImagePart(mediaType: unknown, data: unknown, name?: unknown): Part {
  const type = typeof mediaType === 'string' ? mediaType.trim().toLowerCase() : '';
  if (DATA_IMAGE.test(type) && typeof data === 'string' && data !== '' && BASE64.test(data)) {
    const src = `data:${type};base64,${data.replace(/\s+/g, '')}`;
    if (src.length <= LIMITS.partTextLength) return { type: 'image', src };
  }
  return attachmentPart(name ?? 'image', type || 'image');
}

/** Keeps at most LIMITS.partsPerMessage parts, saying how many were left out. */
export function capParts(parts: Part[]): Part[] {
  if (parts.length <= LIMITS.partsPerMessage) return parts;
  const kept = parts.slice(0, LIMITS.partsPerMessage - 1);
  kept.push({ type: 'text', text: `[${parts.length - kept.length} more parts were not imported]` });
  return kept;
}

const MAX_JSON_DEPTH = 32;

/**
 * A copy of a JSON value with well-formed strings and keys, bounded in depth and total
 * size, so a tool call's input can be stored and shown whatever the source held.
 */
export function cleanJson(value: unknown, budget = { left: LIMITS.partTextLength }, depth = 0): unknown {
  if (budget.left <= 0) return null;
  if (typeof value === 'string') {
    const text = clip(value, budget.left);
    budget.left -= text.length;
    return text;
  }
  budget.left -= 8;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  if (depth >= MAX_JSON_DEPTH && (Array.isArray(value) || isObject(value))) return '…';
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      if (budget.left <= 0) break;
      items.push(cleanJson(item, budget, depth + 1));
    }
    return items;
  }
  if (isObject(value)) {
    const entries: [string, unknown][] = [];
    for (const [key, item] of Object.entries(value)) {
      if (budget.left <= 0) break;
      const cleanKey = clip(key, 200);
      budget.left -= cleanKey.length;
      entries.push([cleanKey, cleanJson(item, budget, depth + 1)]);
    }
    // fromEntries defines own properties, so a "__proto__" key stays plain data.
    return Object.fromEntries(entries);
  }
  return null;
}

/** `base` extended by a key or index, e.g. `[3].mapping.abc` or `[3].mapping["a b"]`. */
export function pathTo(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const shown = clip(key, 60);
  if (/^[\w-]+$/.test(shown)) return base ? `${base}.${shown}` : shown;
  return `${base}[${JSON.stringify(shown)}]`;
}

/** A short, safe description of an unexpected value for an error message. */
export const describe = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(clip(value, 40)) : value === null ? 'null' : typeof value;

/** Own entries of an object: never walks the prototype, so keys like "constructor" are just data. */
export const entriesOf = (value: unknown): [string, unknown][] => (isObject(value) ? Object.entries(value) : []);

/** Decodes the HTML entities a browser would (named basics and numeric); bad code points become U+FFFD. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,8}|#[0-9]{1,10}|amp|lt|gt|quot|apos|nbsp);/gi, (match, entity: string) => {
    const name = entity.toLowerCase();
    if (name.startsWith('#')) {
      const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED_ENTITIES[name] ?? match;
  });
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};
