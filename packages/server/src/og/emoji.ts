/**
 * Emoji for preview images as Twemoji SVGs from the @twemoji/svg package (offline), handed to
 * satori as data URIs. Unknown sequences render as nothing rather than as a box.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const dir = path.dirname(require.resolve('@twemoji/svg/package.json'));
const cache = new Map<string, Promise<string>>();

/** Twemoji file name: code points in hex joined by "-", without VS16 unless the sequence has a ZWJ. */
export function twemojiName(emoji: string): string {
  const points = [...emoji].map((char) => char.codePointAt(0)!);
  const kept = points.includes(0x200d) ? points : points.filter((point) => point !== 0xfe0f);
  return kept.map((point) => point.toString(16)).join('-');
}

export function emojiDataUri(emoji: string): Promise<string> {
  const name = twemojiName(emoji);
  let uri = cache.get(name);
  if (!uri) {
    uri = readFile(path.join(dir, `${name}.svg`)).then(
      (svg) => `data:image/svg+xml;base64,${svg.toString('base64')}`,
      () => '',
    );
    cache.set(name, uri);
  }
  return uri;
}
