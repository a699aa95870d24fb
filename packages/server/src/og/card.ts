/**
 * The preview card's layout (1200 x 630) as the element tree satori renders. Locked links get
 * a generic card that carries no word of the conversation.
 */
import type { ReactNode } from 'react';
import { textDirection } from './direction.js';

export interface OpenCard {
  kind: 'open';
  instanceName: string;
  title: string;
  excerpts: { role: 'user' | 'assistant'; text: string }[];
  messageCount: number;
  models: string[];
  sharedAt: Date;
}

/** A card that says what kind of link it is and nothing else (expired links show one too). */
export interface LockedCard {
  /** `limited`: a view-limited link, whose previews never show a word of it. */
  kind: 'password' | 'private' | 'expired' | 'limited';
  instanceName: string;
}

export type CardData = OpenCard | LockedCard;

type Style = Record<string, string | number>;
interface Element {
  type: string;
  props: {
    style?: Style;
    children?: (Element | string)[] | Element | string;
    src?: string;
    width?: number;
    height?: number;
  };
}

const h = (type: string, style: Style, ...children: (Element | string)[]): Element => ({
  type,
  props: { style: { display: 'flex', ...style }, children },
});

const COLORS = {
  background: '#0f172a',
  panel: '#1e293b',
  text: '#f8fafc',
  muted: '#94a3b8',
  accent: '#38bdf8',
  user: '#334155',
};

const brand = (instanceName: string) =>
  h(
    'div',
    { alignItems: 'center', gap: 16, color: COLORS.muted, fontSize: 28 },
    h(
      'div',
      {
        width: 44,
        height: 44,
        borderRadius: 12,
        background: COLORS.accent,
        color: COLORS.background,
        fontSize: 24,
        fontWeight: 700,
        alignItems: 'center',
        justifyContent: 'center',
      },
      'cs',
    ),
    instanceName,
  );

// CJK has no spaces to break at: break anywhere rather than run off the card.
const clamp = (lines: number): Style => ({
  display: 'block',
  lineClamp: lines,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  wordBreak: 'break-word',
});

const CONTENT_WIDTH = 1200 - 2 * 64;

/** The whole card: padding included in its 1200 x 630, content spread from top to bottom. */
const CARD_FRAME: Style = {
  flexDirection: 'column',
  width: '100%',
  height: '100%',
  padding: '56px 64px',
  boxSizing: 'border-box',
  background: COLORS.background,
  color: COLORS.text,
  fontFamily: 'Card',
  justifyContent: 'space-between',
};

/** Type sizes of an open card: short texts are set larger, so they fill the card instead of leaving a band. */
export interface CardScale {
  title: number;
  excerpt: number;
}

// Characters per line at 1 px of font size, roughly (DejaVu Sans averages ~0.55 em a character).
const CHARS_PER_PX_LINE = 1 / 0.55;

/** The lines `text` takes at `fontSize` in a box `width` wide, by average character width. */
const linesOf = (text: string, fontSize: number, width: number) =>
  Math.max(1, Math.ceil(text.length / ((width * CHARS_PER_PX_LINE) / fontSize)));

const EXCERPT_WIDTH = Math.round(CONTENT_WIDTH * 0.85) - 44;

/**
 * The larger of two type scales when the title and excerpts still fit their line limits in
 * it (title two lines, each excerpt two); otherwise the regular one.
 * @example cardScale({ title: 'Hi', excerpts: [{ role: 'user', text: 'Hello' }] }) // { title: 68, excerpt: 36 }
 */
export function cardScale(card: Pick<OpenCard, 'title' | 'excerpts'>): CardScale {
  const large: CardScale = { title: 68, excerpt: 36 };
  const fits =
    linesOf(card.title, large.title, CONTENT_WIDTH) <= 1 &&
    card.excerpts.every((excerpt) => linesOf(excerpt.text, large.excerpt, EXCERPT_WIDTH) <= 1);
  return fits ? large : { title: 56, excerpt: 28 };
}

function openCard(card: OpenCard): Element {
  const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(card.sharedAt);
  const footer = [
    `${card.messageCount} message${card.messageCount === 1 ? '' : 's'}`,
    ...card.models.slice(0, 2),
    date,
  ].join('  ·  ');
  const scale = cardScale(card);
  return h(
    'div',
    CARD_FRAME,
    brand(card.instanceName),
    // Title and excerpts are one block, centred in the space between brand and footer: a short
    // conversation leaves even margins, not an empty band above the footer.
    h(
      'div',
      {
        flexDirection: 'column',
        justifyContent: 'center',
        flexGrow: 1,
        flexShrink: 1,
        marginTop: 20,
        width: CONTENT_WIDTH,
      },
      h(
        'div',
        {
          width: CONTENT_WIDTH,
          fontSize: scale.title,
          fontWeight: 700,
          lineHeight: 1.15,
          flexShrink: 0,
          ...clamp(2),
          direction: textDirection(card.title),
        },
        card.title,
      ),
      h(
        'div',
        { flexDirection: 'column', gap: 14, marginTop: card.excerpts.length > 0 ? 24 : 0, width: CONTENT_WIDTH },
        ...card.excerpts.map((excerpt) =>
          h(
            'div',
            {
              alignSelf: excerpt.role === 'user' ? 'flex-end' : 'flex-start',
              width: Math.round(CONTENT_WIDTH * 0.85),
              padding: '14px 22px',
              borderRadius: 20,
              background: excerpt.role === 'user' ? COLORS.user : COLORS.panel,
              fontSize: scale.excerpt,
              lineHeight: 1.35,
              color: excerpt.role === 'user' ? COLORS.text : '#e2e8f0',
            },
            h('div', { width: EXCERPT_WIDTH, ...clamp(2), direction: textDirection(excerpt.text) }, excerpt.text),
          ),
        ),
      ),
    ),
    h('div', { fontSize: 26, color: COLORS.muted, marginTop: 16, flexShrink: 0 }, footer),
  );
}

const LOCKED_LABELS: Record<LockedCard['kind'], [string, string]> = {
  password: ['Password-protected conversation', 'Open the link to view it.'],
  private: ['Private conversation', 'Open the link to view it.'],
  expired: ['Expired link', 'Ask the person who shared it for a new link.'],
  limited: ['A shared conversation', 'Open the link to read it.'],
};

// Icons are drawn with boxes: no font is needed for them, so they never show as a missing glyph.
const lockIcon = () =>
  h(
    'div',
    { flexDirection: 'column', alignItems: 'center' },
    h('div', {
      width: 30,
      height: 22,
      border: `6px solid ${COLORS.accent}`,
      borderBottom: '0',
      borderRadius: '15px 15px 0 0',
    }),
    h('div', { width: 46, height: 34, borderRadius: 7, background: COLORS.accent }),
  );

const clockIcon = () =>
  h(
    'div',
    {
      width: 52,
      height: 52,
      borderRadius: '50%',
      border: `6px solid ${COLORS.accent}`,
      position: 'relative',
    },
    h('div', { position: 'absolute', left: 17, top: 6, width: 6, height: 16, background: COLORS.accent }),
    h('div', { position: 'absolute', left: 17, top: 17, width: 14, height: 6, background: COLORS.accent }),
  );

function lockedCard(card: LockedCard): Element {
  const [label, hint] = LOCKED_LABELS[card.kind];
  return h(
    'div',
    CARD_FRAME,
    brand(card.instanceName),
    h(
      'div',
      { flexDirection: 'column', gap: 20 },
      h(
        'div',
        {
          width: 96,
          height: 96,
          borderRadius: 48,
          background: COLORS.panel,
          alignItems: 'center',
          justifyContent: 'center',
        },
        card.kind === 'expired' ? clockIcon() : lockIcon(),
      ),
      h('div', { fontSize: 60, fontWeight: 700 }, label),
      h('div', { fontSize: 30, color: COLORS.muted }, hint),
    ),
    h('div', { fontSize: 26, color: COLORS.muted }, 'Shared with chatshare'),
  );
}

export const cardTree = (card: CardData): ReactNode =>
  (card.kind === 'open' ? openCard(card) : lockedCard(card)) as unknown as ReactNode;

/** Every string the card will draw, so the right font subsets can be loaded. */
export function cardText(card: CardData): string {
  if (card.kind !== 'open') return `${card.instanceName} ${LOCKED_LABELS[card.kind].join(' ')} Shared with chatshare`;
  return [
    card.instanceName,
    card.title,
    ...card.excerpts.map((excerpt) => excerpt.text),
    ...card.models,
    'messages 0123456789 · cs',
  ].join(' ');
}
