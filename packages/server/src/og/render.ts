/**
 * Renders a preview card to PNG: satori lays it out to SVG with locally loaded fonts and
 * emoji, resvg rasterises it. Nothing here fetches a URL: content can name no remote asset.
 * Both are imported when the first card is drawn, not when the server starts: most starts
 * never draw one (images are kept on disk), and satori alone costs a fifth of a second.
 */
import type { Resvg } from '@resvg/resvg-js';
import type Satori from 'satori';
import { cardText, cardTree, type CardData } from './card.js';
import { emojiDataUri } from './emoji.js';
import { fontData, subsetsFor } from './font-catalog.js';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

let satoriLoaded: Promise<typeof Satori> | undefined;
let resvgLoaded: Promise<typeof Resvg> | undefined;
/** The layout engine and the rasteriser, loaded once on first use (conversation images share them). */
export const loadSatori = () => (satoriLoaded ??= import('satori').then((module) => module.default));
export const loadResvg = () => (resvgLoaded ??= import('@resvg/resvg-js').then((module) => module.Resvg));

export async function renderCardSvg(card: CardData): Promise<string> {
  const satori = await loadSatori();
  const subsets = await subsetsFor(cardText(card));
  const fonts = await Promise.all(
    // Satori keeps one font per (name, weight): every subset needs a name of its own, and the
    // others then serve as per-glyph fallbacks in this order.
    subsets.map(async (subset, index) => ({
      name: index === 0 ? 'Card' : `Card fallback ${index}`,
      data: await fontData(subset.file),
      weight: subset.weight,
      style: 'normal' as const,
    })),
  );
  return satori(cardTree(card), {
    width: OG_WIDTH,
    height: OG_HEIGHT,
    fonts,
    loadAdditionalAsset: async (code, segment) => (code === 'emoji' ? emojiDataUri(segment) : ''),
  });
}

export async function renderCardPng(card: CardData): Promise<Buffer> {
  const [svg, Renderer] = await Promise.all([renderCardSvg(card), loadResvg()]);
  const png = new Renderer(svg, { fitTo: { mode: 'width', value: OG_WIDTH }, font: { loadSystemFonts: false } })
    .render()
    .asPng();
  return Buffer.from(png);
}
