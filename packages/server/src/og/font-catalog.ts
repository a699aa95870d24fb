/**
 * Fonts for preview images, all from npm packages (no download at run time). Each family is
 * split by the packages into unicode-range subsets; only the subsets a card's text needs are
 * loaded, so a Japanese title costs a few hundred KB, not the 80 MB of the whole family.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export type FontWeight = 400 | 700;

export interface FontSubset {
  family: string;
  weight: FontWeight;
  file: string;
  ranges: [number, number][];
}

/** In fallback order: satori takes each glyph from the first font that has it. */
const PACKAGES = [
  '@fontsource/noto-sans',
  '@fontsource/noto-sans-arabic',
  '@fontsource/noto-sans-jp',
  '@fontsource/noto-sans-kr',
  '@fontsource/noto-sans-sc',
] as const;

const require = createRequire(import.meta.url);

function parseRanges(list: string): [number, number][] {
  return list.split(',').map((item) => {
    const [from, to] = item.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from!, 16), parseInt(to ?? from!, 16)];
  });
}

/** Reads a fontsource `400.css`: one @font-face per subset, with its WOFF file and ranges. */
async function subsetsOf(pkg: string, weight: FontWeight): Promise<FontSubset[]> {
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  const css = await readFile(path.join(dir, `${weight}.css`), 'utf8');
  const subsets: FontSubset[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const family = /font-family:\s*'([^']+)'/.exec(block)?.[1];
    const woff = /url\(\.\/(files\/[^)]+\.woff)\)/.exec(block)?.[1];
    const ranges = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (family && woff && ranges)
      subsets.push({ family, weight, file: path.join(dir, woff), ranges: parseRanges(ranges) });
  }
  return subsets;
}

let catalog: Promise<FontSubset[]> | undefined;

export function fontCatalog(): Promise<FontSubset[]> {
  catalog ??= Promise.all(PACKAGES.flatMap((pkg) => [subsetsOf(pkg, 400), subsetsOf(pkg, 700)])).then((lists) =>
    lists.flat(),
  );
  return catalog;
}

const covers = (subset: FontSubset, codePoint: number) =>
  subset.ranges.some(([from, to]) => codePoint >= from && codePoint <= to);

/** The subsets needed for `text` (the Latin base subset always, so digits and punctuation render). */
export async function subsetsFor(text: string): Promise<FontSubset[]> {
  const all = await fontCatalog();
  const codePoints = new Set<number>();
  for (const char of text) codePoints.add(char.codePointAt(0)!);
  const chosen = new Set<FontSubset>();
  for (const subset of all) {
    if (subset.family === 'Noto Sans' && covers(subset, 0x41)) chosen.add(subset);
  }
  for (const codePoint of codePoints) {
    // The first family that covers a character wins, per weight, mirroring the fallback order.
    for (const weight of [400, 700] as const) {
      const subset = all.find((candidate) => candidate.weight === weight && covers(candidate, codePoint));
      if (subset) chosen.add(subset);
    }
  }
  // Latin first: it names the card's primary font.
  const latin = (subset: FontSubset) => subset.family === 'Noto Sans' && covers(subset, 0x41);
  return [
    ...all.filter((subset) => chosen.has(subset) && latin(subset)),
    ...all.filter((subset) => chosen.has(subset) && !latin(subset)),
  ];
}

const files = new Map<string, Promise<Buffer>>();

/** A font file's bytes, read once per process. */
export function fontData(file: string): Promise<Buffer> {
  let data = files.get(file);
  if (!data) {
    data = readFile(file);
    files.set(file, data);
  }
  return data;
}
