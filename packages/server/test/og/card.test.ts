/** The card renderer's pieces: text direction, clipping, the image store, the generic cards. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cardTree, type CardData } from '../../src/og/card.js';
import { lockedCard } from '../../src/og/card-data.js';
import { textDirection } from '../../src/og/direction.js';
import { clipAtWord } from '../../src/og/excerpt.js';
import { OgImageStore } from '../../src/og/image-store.js';
import { renderCardPng } from '../../src/og/render.js';
import { pngSize } from './helpers.js';

const ARTIFACTS = fileURLToPath(new URL('../../../../test-results/og/', import.meta.url));

describe('textDirection', () => {
  it.each([
    ['كيف أتعلم البرمجة؟', 'rtl'],
    ['שלום עולם', 'rtl'],
    ['«٣ دروس» في بايثون', 'rtl'],
    ['2 × مرحبا', 'rtl'],
    ['Python بسرعة', 'ltr'],
    ['東京の旅行', 'ltr'],
    ['🎉 2026', 'ltr'],
    ['', 'ltr'],
  ] as const)('%s is %s', (text, direction) => {
    expect(textDirection(text)).toBe(direction);
  });

  it('sets the direction of the title and of each excerpt on the card', () => {
    type Node = { props: { style?: Record<string, unknown>; children?: unknown } };
    const card: CardData = {
      kind: 'open',
      instanceName: 'x',
      title: 'كيف أتعلم البرمجة؟',
      excerpts: [
        { role: 'user', text: 'ابدأ بالأساسيات.' },
        { role: 'assistant', text: 'Start with the basics.' },
      ],
      messageCount: 2,
      models: [],
      sharedAt: new Date('2026-06-01T00:00:00Z'),
    };
    const directions = new Map<string, unknown>();
    const walk = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      const { props } = node as Node;
      const children = Array.isArray(props.children) ? props.children : [props.children];
      for (const child of children) {
        if (typeof child === 'string' && props.style?.direction) directions.set(child, props.style.direction);
        else walk(child);
      }
    };
    walk(cardTree(card));
    expect(Object.fromEntries(directions)).toEqual({
      'كيف أتعلم البرمجة؟': 'rtl',
      'ابدأ بالأساسيات.': 'rtl',
      'Start with the basics.': 'ltr',
    });
  });
});

describe('clipAtWord', () => {
  it('keeps short text, and cuts long text at a word with "…" within the limit', () => {
    expect(clipAtWord('short', 70)).toBe('short');
    expect(clipAtWord('Planning a trip to Lisbon', 20)).toBe('Planning a trip to…');
    const cut = clipAtWord('word '.repeat(100), 70);
    expect(cut.length).toBeLessThanOrEqual(70);
    expect(cut).toMatch(/word…$/);
  });

  it('cuts a text without spaces anywhere, never inside a surrogate pair', () => {
    const cut = clipAtWord('😀'.repeat(50), 10);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).toBe(`${'😀'.repeat(4)}…`);
  });
});

describe('OgImageStore', () => {
  it('renders once, then serves from memory, then from disk in a new process, and renders concurrent requests once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chatshare-og-'));
    try {
      let renders = 0;
      const fake = async (card: CardData) => {
        renders += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return Buffer.from(`png of ${card.kind}`);
      };
      const store = new OgImageStore(dir);
      store.render = fake;
      const card = () => lockedCard('password', 'x');
      const [a, b] = await Promise.all([store.get('share', '1-aa', card), store.get('share', '1-aa', card)]);
      expect(renders).toBe(1);
      expect([a.source, b.source]).toEqual(['render', 'render']);
      expect((await store.get('share', '1-aa', card)).source).toBe('memory');

      const restarted = new OgImageStore(dir);
      restarted.render = fake;
      const fromDisk = await restarted.get('share', '1-aa', card);
      expect(fromDisk).toEqual({ png: Buffer.from('png of password'), source: 'disk' });
      expect(renders).toBe(1);
      expect(() => store.fileOf('../etc', '1')).toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('generic cards', () => {
  it.each(['password', 'private', 'expired'] as const)(
    'draws the %s card (saved under test-results/og)',
    async (kind) => {
      const png = await renderCardPng(lockedCard(kind, 'chat.example.com'));
      expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
      await mkdir(ARTIFACTS, { recursive: true });
      await writeFile(path.join(ARTIFACTS, `locked-${kind}.png`), png);
    },
  );
});
