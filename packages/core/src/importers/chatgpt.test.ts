import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits.js';
import {
  branch,
  context,
  firstWords,
  fixture,
  NOW,
  partTypes,
  soundResult,
  textOf,
} from '../../test/importer-helpers.js';
import { chatgptImporter } from './chatgpt.js';
import { ImportError } from './import-error.js';
import { importConversations } from './index.js';

const read = (input: unknown) => soundResult(chatgptImporter.read(input, context));

/** A minimal conversation from `[id, parent, role, text]` rows. */
function conversation(rows: [string, string | null, string, string][], extra: Record<string, unknown> = {}) {
  const mapping: Record<string, unknown> = {};
  rows.forEach(([id, parent, role, text], index) => {
    mapping[id] = {
      id,
      parent,
      children: rows.filter((row) => row[1] === id).map((row) => row[0]),
      message: {
        id,
        author: { role },
        create_time: 1_700_000_000 + index,
        content: { content_type: 'text', parts: [text] },
        recipient: 'all',
      },
    };
  });
  return { title: 'Test', mapping, current_node: rows.at(-1)?.[0], ...extra };
}

describe('ChatGPT importer on the LibreChat tree sample', () => {
  const input = fixture('chatgpt', 'librechat-fixture_chatgpt-tree.json');
  const result = read(input);
  const [draft] = result.conversations;

  it('is picked by auto-detection', () => {
    expect(importConversations(input, context).format).toBe('chatgpt');
  });

  it('shows the branch that ends at current_node, oldest first', () => {
    const shown = branch(draft!);
    expect(shown).toHaveLength(6);
    expect(shown.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(shown.map((message) => firstWords(message, 2))).toEqual([
      'hi there',
      'Hello! How',
      'hi again',
      'Hey! Welcome',
      'tell me',
      "Sure, here's",
    ]);
    expect(draft!.currentLeafId).toBe('f63b8e17-aa5c-4ca6-a1bf-d4d285e269b8');
  });

  it('keeps every branch although the mapping lists children before their root', () => {
    expect(draft!.messages).toHaveLength(11);
    const [first] = draft!.messages;
    expect(first!.parentId).toBeNull();
    expect(
      draft!.messages.filter((message) => message.parentId === 'bda8a275-886d-4f59-b38c-d7037144f0d5'),
    ).toHaveLength(2);
  });

  it('hides the empty system root and hangs the first user message at the top', () => {
    expect(draft!.messages.some((message) => message.role === 'system')).toBe(false);
    expect(
      draft!.messages.find((message) => message.id === 'aaa297ba-e2da-440e-84f4-e62e7be8b003')?.parentId,
    ).toBeNull();
  });

  it('marks the interrupted answer on the other branch as incomplete', () => {
    const story = draft!.messages.find((message) => message.id === 'ada93f81-f59e-4b31-933d-1357efd68bfc');
    expect(story?.status).toBe('incomplete');
    expect(draft!.messages.filter((message) => message.status === 'incomplete')).toHaveLength(1);
  });

  it('records the model, the creation time and the conversation id', () => {
    expect(draft!.models).toEqual(['text-davinci-002-render-sha']);
    expect(branch(draft!)[1]).toMatchObject({
      model: 'text-davinci-002-render-sha',
      createdAt: '2024-05-01T17:37:11.757Z',
    });
    expect(draft!.title).toBe('Assist user with summary');
    expect(draft!.source).toEqual({
      format: 'chatgpt',
      importedAt: NOW.toISOString(),
      id: 'd5dc5307-6807-41a0-8b04-4acee626eeb7',
    });
  });
});

describe('ChatGPT importer on the modern export sample', () => {
  const input = fixture('chatgpt', 'librechat-fixture_chatgpt-modern-export.json');
  const result = read(input);

  it('imports the sound conversations and skips the one without a mapping', () => {
    expect(result.conversations.map((draft) => draft.title)).toEqual([
      'Deploying the staging cluster',
      'Weeknight pasta',
    ]);
    expect(result.skipped).toEqual([
      { index: 1, path: '[1].mapping', title: 'Corrupted entry', reason: 'the conversation has no message mapping' },
    ]);
  });

  it('moves custom instructions into the hidden context and never shows them', () => {
    const [draft] = result.conversations;
    expect(draft!.context).toBe('The user is an SRE.\n\nAnswer concisely.');
    expect(draft!.messages.map((message) => message.id)).toEqual(['user-1', 'assistant-1', 'user-2', 'assistant-2']);
    expect(draft!.messages.some((message) => textOf(message).includes('SRE'))).toBe(false);
    expect(draft!.messages[0]!.parentId).toBeNull();
  });

  it('takes models from the messages only', () => {
    expect(result.conversations[0]!.models).toEqual(['o4-mini']);
    expect(result.conversations[1]!.models).toEqual([]);
  });

  it('is picked by auto-detection', () => {
    expect(importConversations(input, context).format).toBe('chatgpt');
  });
});

describe('ChatGPT importer on the openwebui-importer sample', () => {
  const input = fixture('chatgpt', 'openwebui-importer_gpt_example.json');
  const [draft] = read(input).conversations;

  it('shows the ten visible turns and hides the system and custom-instruction nodes', () => {
    const shown = branch(draft!);
    expect(shown).toHaveLength(10);
    expect(draft!.messages).toHaveLength(10);
    expect(shown.filter((message) => message.role === 'user').map((message) => firstWords(message, 3))).toEqual([
      'Can you explain',
      'Why is sunlight',
      'What is an',
      'Are ponds sentient?',
      'What about forests?',
    ]);
    expect(draft!.context).toMatch(/^The user provided the additional info/);
  });

  it('keeps title and model', () => {
    expect(draft!.title).toBe('How photosynthesis works');
    expect(draft!.models).toEqual(['gpt-4o']);
  });

  it('is picked by auto-detection', () => {
    expect(importConversations(input, context).format).toBe('chatgpt');
  });
});

describe('ChatGPT importer on the chatgpt-export-parser sample', () => {
  const input = fixture('chatgpt', 'chatgpt-export-parser_example-conversation.json');
  const [draft] = read(input).conversations;

  it('follows current_node onto the edited branch and keeps the other', () => {
    const shown = branch(draft!);
    expect(shown.map((message) => message.id)).toEqual(['msg-2', 'msg-3', 'msg-4', 'msg-6']);
    expect(firstWords(shown[2]!)).toBe('How do I write');
    expect(draft!.messages).toHaveLength(5);
    expect(draft!.messages.find((message) => message.id === 'msg-5')?.parentId).toBe('msg-3');
  });

  it('drops the empty system root', () => {
    expect(draft!.messages.find((message) => message.id === 'msg-1')).toBeUndefined();
    expect(draft!.models).toEqual(['gpt-4']);
  });

  it('is picked by auto-detection', () => {
    expect(importConversations(input, context).format).toBe('chatgpt');
  });
});

describe('ChatGPT importer on our content-type sample', () => {
  const input = fixture('chatgpt', 'own_chatgpt-content-types.json');
  const result = read(input);
  const [draft, colours] = result.conversations;

  it('turns images into named placeholders and lists other uploads', () => {
    const [photo] = branch(draft!);
    expect(photo!.parts).toEqual([
      { type: 'attachment', name: 'file_00000000cafe', mediaType: 'image' },
      { type: 'text', text: 'Why does my cat sleep so much?' },
      { type: 'attachment', name: 'vet-notes.pdf', mediaType: 'application/pdf' },
    ]);
  });

  it('reads thoughts and the reasoning recap as reasoning', () => {
    const shown = branch(draft!);
    expect(shown[1]!.parts).toEqual([
      { type: 'reasoning', text: 'Recalling feline sleep\n\nAdult cats sleep 12 to 16 hours a day.' },
    ]);
    expect(shown[2]!.parts).toEqual([{ type: 'reasoning', text: 'Thought for 4 seconds' }]);
  });

  it('shows Code Interpreter code and its output, hides browsing traffic', () => {
    const shown = branch(draft!);
    expect(shown[3]!.parts).toEqual([{ type: 'code', language: 'python', text: 'print(16 / 24)' }]);
    expect(shown[4]).toMatchObject({ role: 'tool', author: 'python' });
    expect(shown[4]!.parts).toEqual([{ type: 'tool_result', name: 'python', output: '0.6666666666666666' }]);
    expect(draft!.messages.map((message) => message.id)).not.toContain('a-search');
    expect(draft!.messages.map((message) => message.id)).not.toContain('t-browse');
  });

  it('replaces citation markers with their links and drops private-use tokens', () => {
    expect(textOf(branch(draft!)[5]!)).toBe(
      'Cats sleep about two thirds of the day, which is normal ([Wikipedia](https://en.wikipedia.org/wiki/Cat)).',
    );
  });

  it('re-parents children of hidden and empty messages to the nearest shown ancestor', () => {
    const shown = branch(draft!);
    expect(shown.map((message) => message.id)).toEqual([
      'u-photo',
      'a-thoughts',
      'a-recap',
      'a-code',
      't-out',
      'a-answer',
      'u-again',
      'a-final',
    ]);
    expect(shown[6]!.parentId).toBe('a-answer');
    expect(shown[7]).toMatchObject({ status: 'incomplete', model: 'o3' });
    expect(draft!.context).toBe('I keep two cats.\n\nBe brief.');
  });

  it('skips the looping conversation and the one with a wrongly typed content, naming the spot', () => {
    expect(result.skipped).toEqual([
      { index: 1, path: '[1].mapping.x.parent', title: 'Looped', reason: 'the parent chain loops' },
      { index: 3, path: '[3].mapping.n1.message.content', title: 'Bad content', reason: 'content must be an object' },
    ]);
  });

  it('falls back to the last branch when current_node names no node', () => {
    expect(colours!.currentLeafId).toBe('a2');
    expect(colours!.title).toBe('Pick a colour');
    expect(colours!.models).toEqual(['gpt-4o', 'gpt-4o-mini']);
  });
});

describe('ChatGPT importer on bad input', () => {
  it('accepts the { conversations } wrapper and reports paths inside it', () => {
    const result = read({ conversations: [conversation([['a', null, 'user', 'hi']]), { title: 'x' }] });
    expect(result.conversations).toHaveLength(1);
    expect(result.skipped[0]!.path).toBe('conversations[1].mapping');
  });

  it('falls back to the last leaf when current_node is missing', () => {
    const input = [
      conversation(
        [
          ['a', null, 'user', 'hi'],
          ['b', 'a', 'assistant', 'one'],
          ['c', 'a', 'assistant', 'two'],
        ],
        { current_node: undefined },
      ),
    ];
    expect(read(input).conversations[0]!.currentLeafId).toBe('c');
  });

  it('walks up from a hidden current node to the nearest shown message', () => {
    const input = conversation([
      ['a', null, 'user', 'hi'],
      ['b', 'a', 'assistant', 'hello'],
      ['c', 'b', 'system', 'hidden'],
    ]);
    expect(read([input]).conversations[0]!.currentLeafId).toBe('b');
  });

  it('reports a self-parent as a loop', () => {
    const input = conversation([['a', 'a', 'user', 'hi']]);
    expect(read([input]).skipped[0]).toMatchObject({ path: '[0].mapping.a.parent', reason: 'the parent chain loops' });
  });

  it('treats a parent that is not in the mapping as a root', () => {
    const draft = read([conversation([['a', 'gone', 'user', 'hi']])]).conversations[0]!;
    expect(draft.messages[0]!.parentId).toBeNull();
  });

  it('treats keys like __proto__ and constructor as plain ids', () => {
    const input = JSON.parse(
      JSON.stringify(conversation([['constructor', null, 'user', 'hi']])).replace(/constructor/g, '__proto__'),
    );
    const draft = read([input]).conversations[0]!;
    expect(draft.messages[0]!.id).toBe('__proto__');
  });

  it('replaces over-long ids and keeps ids unique', () => {
    const long = 'x'.repeat(500);
    const draft = read([
      conversation([
        [long, null, 'user', 'hi'],
        ['msg-1', long, 'assistant', 'hello'],
      ]),
    ]).conversations[0]!;
    expect(draft.messages.map((message) => message.id)).toEqual(['msg-2', 'msg-1']);
    expect(draft.messages[1]!.parentId).toBe('msg-2');
  });

  it('cuts enormous texts and repairs lone surrogates', () => {
    const huge = 'a'.repeat(LIMITS.partTextLength + 10);
    const draft = read([conversation([['a', null, 'user', `\ud800${huge}`]])]).conversations[0]!;
    const text = textOf(draft.messages[0]!);
    expect(text).toHaveLength(LIMITS.partTextLength);
    expect(text.startsWith('\ufffd')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
  });

  it('reports wrongly typed parts with their path', () => {
    const input = conversation([['a', null, 'user', 'hi']]);
    (input.mapping.a as { message: { content: unknown } }).message.content = { content_type: 'text', parts: 'hi' };
    expect(read([input]).skipped[0]).toMatchObject({ path: '[0].mapping.a.message.content.parts' });
  });

  it('keeps the shown branch when a conversation has more messages than allowed', () => {
    const rows: [string, string | null, string, string][] = [['root', null, 'user', 'start']];
    for (let index = 0; index < LIMITS.messagesPerConversation + 50; index++)
      rows.push([`side${index}`, 'root', 'assistant', 'x']);
    rows.push(['tail', 'root', 'assistant', 'the one shown']);
    const draft = read([conversation(rows)]).conversations[0]!;
    expect(draft.messages).toHaveLength(LIMITS.messagesPerConversation);
    expect(draft.currentLeafId).toBe('tail');
  });

  it.each([
    ['named', 'm5000'],
    ['missing', undefined],
  ])('skips a conversation whose shown branch alone is over the limit (current node %s)', (_label, current) => {
    const rows: [string, string | null, string, string][] = [];
    for (let index = 0; index <= LIMITS.messagesPerConversation; index++) {
      rows.push([`m${index}`, index === 0 ? null : `m${index - 1}`, 'user', 'x']);
    }
    const result = read([conversation(rows, { current_node: current })]);
    expect(result.skipped[0]).toMatchObject({ path: '[0]' });
    expect(result.skipped[0]!.reason).toMatch(/at most 5000/);
  });

  it('skips a conversation with nothing to show', () => {
    const result = read([conversation([['a', null, 'system', 'hidden']])]);
    expect(result.skipped[0]).toMatchObject({ index: 0, reason: 'the conversation has no messages to show' });
  });

  it('does not let a short citation marker with a long link blow up the text', () => {
    const input = conversation([
      ['a', null, 'user', 'hi'],
      ['b', 'a', 'assistant', 'abc'.repeat(200_000)],
    ]);
    (input.mapping.b as { message: Record<string, unknown> }).message.metadata = {
      content_references: [{ matched_text: 'abc', alt: 'x'.repeat(1_000) }],
    };
    const started = performance.now();
    const text = textOf(read([input]).conversations[0]!.messages[1]!);
    expect(text).toHaveLength(600_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('rejects a file that is not a conversation list', () => {
    expect(() => chatgptImporter.read({ mapping: {} }, context)).toThrow(ImportError);
  });

  it('hides assistant calls to tools other than Code Interpreter', () => {
    const input = conversation([
      ['a', null, 'user', 'draw'],
      ['b', 'a', 'assistant', '{"prompt":"cat"}'],
    ]);
    (input.mapping.b as { message: Record<string, unknown> }).message.recipient = 'dalle.text2im';
    const draft = read([input]).conversations[0]!;
    expect(draft.messages.map((message) => message.id)).toEqual(['a']);
    expect(partTypes(draft.messages[0]!)).toEqual(['text']);
  });
});
