/**
 * The colours of a conversation image, light and dark. They follow the share page's tokens
 * (packages/react/src/styles/tokens.css), syntax colours included, so an image looks like the
 * page it was drawn from.
 */
export const IMAGE_THEMES = ['light', 'dark'] as const;
export type ImageTheme = (typeof IMAGE_THEMES)[number];

/** highlight.js token groups, as the page's stylesheet colours them. */
export type TokenColor = 'keyword' | 'string' | 'number' | 'comment' | 'title' | 'attr' | 'builtin';

export interface Palette {
  background: string;
  text: string;
  muted: string;
  border: string;
  accent: string;
  userBubble: string;
  codeBackground: string;
  inlineCode: string;
  link: string;
  tokens: Record<TokenColor, string>;
}

const LIGHT: Palette = {
  background: '#ffffff',
  text: '#1f2328',
  muted: '#59636e',
  border: '#d0d7de',
  accent: '#0b62c4',
  userBubble: '#eef2f9',
  codeBackground: '#f6f8fa',
  inlineCode: '#eff1f3',
  link: '#0b62c4',
  tokens: {
    keyword: '#cf222e',
    string: '#0a3069',
    number: '#0550ae',
    comment: '#59636e',
    title: '#8250df',
    attr: '#953800',
    builtin: '#116329',
  },
};

const DARK: Palette = {
  background: '#0f1115',
  text: '#e6edf3',
  muted: '#9aa4af',
  border: '#2d333b',
  accent: '#6cb0ff',
  userBubble: '#1c2330',
  codeBackground: '#171b21',
  inlineCode: '#262c36',
  link: '#6cb0ff',
  tokens: {
    keyword: '#ff7b72',
    string: '#a5d6ff',
    number: '#79c0ff',
    comment: '#8b949e',
    title: '#d2a8ff',
    attr: '#ffa657',
    builtin: '#7ee787',
  },
};

export const paletteOf = (theme: ImageTheme): Palette => (theme === 'dark' ? DARK : LIGHT);

/** highlight.js scope names (the `hljs-…` classes) by the colour the page gives them. */
const TOKEN_SCOPES = new Map<string, TokenColor>([
  ['keyword', 'keyword'],
  ['selector-tag', 'keyword'],
  ['literal', 'keyword'],
  ['doctag', 'keyword'],
  ['string', 'string'],
  ['regexp', 'string'],
  ['number', 'number'],
  ['symbol', 'number'],
  ['meta', 'number'],
  ['selector-id', 'number'],
  ['selector-class', 'number'],
  ['comment', 'comment'],
  ['quote', 'comment'],
  ['title', 'title'],
  ['section', 'title'],
  ['attr', 'attr'],
  ['attribute', 'attr'],
  ['property', 'attr'],
  ['params', 'attr'],
  ['variable', 'attr'],
  ['template-variable', 'attr'],
  ['type', 'attr'],
  ['built_in', 'builtin'],
  ['name', 'builtin'],
  ['tag', 'builtin'],
  ['bullet', 'builtin'],
]);

/**
 * The colour of a highlight.js span from its class attribute (`hljs-title function_`).
 * @example tokenColorOf('hljs-title function_') // 'title'
 */
export function tokenColorOf(classes: string): TokenColor | undefined {
  for (const name of classes.split(/\s+/)) {
    const scope = name.startsWith('hljs-') ? TOKEN_SCOPES.get(name.slice(5)) : undefined;
    if (scope) return scope;
  }
  return undefined;
}
