import type { SharedConversation } from '@chatshare/client';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConversationView, englishT, prepareConversation, VIEW_STRINGS, type ViewConversation } from '../src/index.js';

const conversation: ViewConversation = {
  title: 'Trip <planning>',
  sharedAt: '2026-06-01T12:00:00.000Z',
  live: false,
  messages: [
    { id: 's', role: 'system', parts: [{ type: 'text', text: 'SYSTEM PROMPT' }] },
    {
      id: 'm1',
      role: 'user',
      author: 'Ana <img src=x>',
      parts: [{ type: 'text', text: 'Where to?\nSomewhere warm.' }],
    },
    {
      id: 'm2',
      role: 'assistant',
      model: 'gpt-4o',
      status: 'incomplete',
      parts: [
        { type: 'reasoning', text: 'Think about **beaches**.' },
        { type: 'text', text: 'Try *Lisbon*.' },
        { type: 'code', language: 'ts', text: 'const x = 1;' },
        { type: 'image', src: 'data:image/png;base64,iVBORw0KGgo=', alt: 'map' },
        { type: 'image', src: 'https://tracker.example/p.png', alt: 'remote' },
        { type: 'image', src: 'file-abc123' },
        { type: 'attachment', name: 'itinerary.pdf', mediaType: 'application/pdf' },
      ],
    },
    { id: 'm3', role: 'assistant', parts: [{ type: 'tool_call', name: 'search', input: { q: 'flights' } }] },
    { id: 'm4', role: 'tool', parts: [{ type: 'tool_result', name: 'search', output: '3 results <b>' }] },
  ],
};

const render = (props: Partial<Parameters<typeof ConversationView>[0]> = {}) =>
  renderToString(createElement(ConversationView, { conversation, ...props }));

describe('ConversationView', () => {
  const html = render();

  it('shows the title, the message count and the snapshot date in the header', () => {
    expect(html).toContain('<h1 class="cs-title">Trip &lt;planning&gt;</h1>');
    expect(html).toContain('4 messages');
    expect(html).toContain('Shared on June 1, 2026');
    expect(html).toContain('messages after this were not shared');
  });

  it('never shows system messages', () => {
    expect(html).not.toContain('SYSTEM PROMPT');
    expect(html.match(/<li class="cs-message /g)).toHaveLength(4);
  });

  it('labels roles, and shows an author name only when the data has one, as text', () => {
    expect(html).toContain('<span class="cs-author">Ana &lt;img src=x&gt;</span><span class="cs-role">You</span>');
    expect(html).toContain('<span class="cs-author">Assistant</span><span class="cs-model">gpt-4o</span>');
    expect(html).toContain('<span class="cs-author">Tool</span>');
  });

  it('keeps the line breaks of what the user typed', () => {
    expect(html).toContain('Where to?<br />\nSomewhere warm.');
  });

  it('collapses reasoning and tool calls and results', () => {
    expect(html).toContain('<details class="cs-reasoning"><summary>Reasoning</summary>');
    expect(html).toContain('<strong>beaches</strong>');
    expect(html).toContain('<details class="cs-tool"><summary>Tool call: search</summary>');
    expect(html).toContain('<span class="hljs-attr">&quot;q&quot;</span>');
    expect(html).toContain('<details class="cs-tool"><summary>Tool result: search</summary>');
    expect(html).toContain('3 results &lt;b&gt;');
    expect(html).not.toMatch(/<details[^>]* open/);
  });

  it('shows inline images, links remote ones without loading them, and names missing files', () => {
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" alt="map" loading="lazy" decoding="async"/>');
    expect(html).not.toContain('<img src="https://tracker.example');
    expect(html).toContain(
      '<a href="https://tracker.example/p.png" rel="nofollow ugc noopener noreferrer">Image (not loaded): remote</a>',
    );
    expect(html).toContain('Image not included');
    expect(html).toContain('Not included in this share: itinerary.pdf');
  });

  it('marks an unfinished reply', () => {
    expect(html).toContain('<p class="cs-incomplete">This reply was not finished.</p>');
  });

  it('highlights code with its language and a copy button hidden until scripts run', () => {
    expect(html).toContain('<span class="cs-code-lang">ts</span>');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toMatch(/<button type="button" class="cs-copy" data-copy="code" data-copied="Copied" hidden>/);
  });

  it('prefixes element ids so content cannot take the page’s own ids', () => {
    expect(html).toContain('id="cs-m-m1"');
  });

  it('speaks the language of the `t` it is given', () => {
    const german: Record<string, string> = VIEW_STRINGS.de;
    const t = (key: string, values?: Record<string, string | number>) => {
      const plural = values?.count === undefined ? undefined : german[`${key}_${values.count === 1 ? 'one' : 'other'}`];
      return (plural ?? german[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_all, name: string) => String(values?.[name]));
    };
    const de = render({ t, locale: 'de' });
    expect(de).toContain('4 Nachrichten');
    expect(de).toContain('Geteilt am 1. Juni 2026');
    expect(de).toContain('<span class="cs-role">Du</span>');
    expect(de).toContain('Gedankengang');
  });

  it('puts the KaTeX layout styles in one stylesheet, with the nonce it is given', () => {
    const withMath: ViewConversation = {
      title: 'Math',
      messages: [{ id: 'm1', role: 'assistant', parts: [{ type: 'text', text: '$x^2$' }] }],
    };
    const own = renderToString(createElement(ConversationView, { conversation: withMath, nonce: 'abc' }));
    expect(own).toMatch(/<style nonce="abc">\.k[0-9a-z]+\{/);
    expect(own).not.toContain(' style="');
    const prepared = prepareConversation(withMath, englishT);
    expect(prepared.hasMath).toBe(true);
    const external = renderToString(createElement(ConversationView, { conversation: withMath, prepared }));
    expect(external).not.toContain('<style');
  });

  it('takes the JSON API’s shared conversation as it is', () => {
    const shared: SharedConversation = {
      shortCode: 'AAAAAAAAAAAA',
      title: 'From the API',
      sharedAt: '2026-06-01T12:00:00.000Z',
      live: false,
      messageCount: 1,
      models: [],
      sharedBy: null,
      messages: [{ id: 'm1', parentId: null, role: 'assistant', parts: [{ type: 'text', text: 'Hello' }] }],
    };
    const html = renderToString(createElement(ConversationView, { conversation: shared }));
    expect(html).toContain('From the API');
    expect(html).toContain('<p>Hello</p>');
  });

  it('says who shared it when given a name, as text, whatever the name holds', () => {
    const named = render({ conversation: { ...conversation, sharedBy: 'Ada <b>{{date}}</b> $t(view.untitled)' } });
    expect(named).toContain(
      'Shared by <span class="cs-shared-by">Ada &lt;b&gt;{{date}}&lt;/b&gt; $t(view.untitled)</span> on June 1, 2026',
    );
    const undated = render({ conversation: { ...conversation, sharedAt: undefined, sharedBy: 'Ada' } });
    expect(undated).toContain('Shared by <span class="cs-shared-by">Ada</span>');
    for (const sharedBy of [null, '', '   ']) {
      expect(render({ conversation: { ...conversation, sharedBy } })).not.toContain('Shared by');
    }
  });

  it('takes the JSON API’s sharer name as it is', () => {
    const shared: SharedConversation = {
      shortCode: 'AAAAAAAAAAAA',
      title: 'From the API',
      sharedAt: '2026-06-01T12:00:00.000Z',
      live: false,
      messageCount: 1,
      models: [],
      sharedBy: 'Grace Hopper',
      messages: [{ id: 'm1', parentId: null, role: 'assistant', parts: [{ type: 'text', text: 'Hello' }] }],
    };
    const html = renderToString(createElement(ConversationView, { conversation: shared }));
    expect(html).toContain('Shared by <span class="cs-shared-by">Grace Hopper</span> on June 1, 2026');
  });

  it('has a string for every key in both languages', () => {
    expect(Object.keys(VIEW_STRINGS.de).sort()).toEqual(Object.keys(VIEW_STRINGS.en).sort());
  });
});
