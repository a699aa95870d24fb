import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits.js';
import { branch, context, firstWords, fixture, soundResult, textOf } from '../../test/importer-helpers.js';
import { ImportError } from './import-error.js';
import { importConversations } from './index.js';
import { librechatImporter } from './librechat.js';

const read = (input: unknown) => soundResult(librechatImporter.read(input, context));
const ROOT = '00000000-0000-0000-0000-000000000000';

describe('LibreChat importer on the nested tree sample', () => {
  const input = fixture('librechat', 'librechat-tree.json');
  const [draft] = read(input).conversations;

  it('is picked by auto-detection although the tree sits under "messages"', () => {
    expect(importConversations(input, context).format).toBe('librechat');
  });

  it('keeps all nine messages of both branch points', () => {
    expect(draft!.messages).toHaveLength(9);
    const children = (id: string) => draft!.messages.filter((message) => message.parentId === id).length;
    expect(children('4c395510-fdfd-4556-b034-f9440f025e91')).toBe(2);
    expect(children('6e4c95ca-fcb1-4869-adc3-b4bcec83a270')).toBe(2);
  });

  it('shows the branch of the latest leaf; without dates the last one in the file wins', () => {
    const shown = branch(draft!);
    expect(shown.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(shown.map((message) => firstWords(message, 3))).toEqual([
      'How do I',
      'It looks like',
      'lol',
      'It looks like',
    ]);
  });

  it('uses the sender label as author and keeps models', () => {
    const [question, answer] = branch(draft!);
    expect(question).toMatchObject({ author: 'User', createdAt: '2024-05-01T16:35:11.530Z' });
    expect(answer).toMatchObject({ author: 'Software Engineer', model: 'gpt-4-turbo' });
    expect(draft!.models).toEqual(['gpt-4-turbo']);
    expect(draft!.title).toBe('Troubleshooting Python Virtual Environment Activation Issue');
  });
});

describe('LibreChat importer on the messagesTree sample', () => {
  const input = fixture('librechat', 'librechat-export_messagesTree.json');
  const [draft] = read(input).conversations;

  it('is picked by auto-detection', () => {
    expect(importConversations(input, context).format).toBe('librechat');
  });

  it('reads the linear six-message tree in order', () => {
    const shown = branch(draft!);
    expect(shown).toHaveLength(6);
    expect(draft!.messages).toHaveLength(6);
    expect(shown.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(firstWords(shown[2]!)).toBe('What about 10 year');
    expect(shown[1]!.author).toBe('GPT-3.5');
  });

  it('takes the model from the options when messages do not say', () => {
    expect(draft!.models).toEqual(['gpt-3.5-turbo']);
    expect(draft!.title).toBe('Conversation 1. Web Search');
  });
});

describe('LibreChat importer on the flat list with two roots', () => {
  const input = fixture('librechat', 'librechat-opts-nonr-branches.json');
  const [draft] = read(input).conversations;

  it('is picked by auto-detection', () => {
    expect(importConversations(input, context).format).toBe('librechat');
  });

  it('keeps both roots and every regeneration', () => {
    expect(draft!.messages).toHaveLength(5);
    expect(draft!.messages.filter((message) => message.parentId === null)).toHaveLength(2);
  });

  it('shows the most recently created branch', () => {
    const shown = branch(draft!);
    expect(shown.map((message) => firstWords(message, 5))).toEqual([
      'tell me a long long',
      'Of course! Here’s a detailed',
    ]);
  });

  it('marks unfinished and incomplete replies', () => {
    const status = (id: string) => draft!.messages.find((message) => message.id === id)?.status;
    expect(status('069b9c22-7649-45a9-b90b-fc050533ea21')).toBe('incomplete');
    expect(status('303e4c2c-f03e-4e0a-8551-c96ec73be5fe')).toBe('incomplete');
    expect(status('de9a4e7c-020d-4856-a5a6-ce6794efef99')).toBe('incomplete');
    expect(status('115a6247-8fb0-4937-a536-12956669098d')).toBeUndefined();
  });
});

describe('LibreChat importer on our content parts sample', () => {
  const input = fixture('librechat', 'own_librechat-content-parts.json');
  const [draft] = read(input).conversations;

  it('reads think, tool_call and text parts', () => {
    const agent = draft!.messages.find((message) => message.id === 'lm2')!;
    expect(agent.parts).toEqual([
      { type: 'reasoning', text: 'The CSV has three columns; I need the sum.' },
      { type: 'tool_call', name: 'file_search', input: { query: 'totals' } },
      { type: 'tool_result', name: 'file_search', output: 'Total: 42' },
      { type: 'text', text: 'The total is 42.' },
    ]);
  });

  it('reads { value } text and message files, and shows the later regeneration', () => {
    const [question, answer] = branch(draft!);
    expect(question!.parts[1]).toEqual({ type: 'attachment', name: 'report.csv', mediaType: 'text/csv' });
    expect(textOf(answer!)).toBe('Total is 42, from the last row.');
    expect(draft!.models).toEqual(['gpt-4.1', 'gpt-4.1-mini']);
  });
});

describe('LibreChat importer on bad input', () => {
  const message = (id: string, parent: string, text: string, extra: Record<string, unknown> = {}) => ({
    messageId: id,
    parentMessageId: parent,
    text,
    sender: 'x',
    ...extra,
  });

  it('reports a parentMessageId loop with its path', () => {
    const input = { conversationId: 'c', messages: [message('a', 'b', 'hi'), message('b', 'a', 'hello')] };
    expect(() => read(input)).toThrow(ImportError);
    try {
      read(input);
    } catch (error) {
      expect((error as ImportError).path).toBe('messages[0].parentMessageId');
    }
  });

  it('reports a nested message that is not an object with its path', () => {
    const input = { conversationId: 'c', messagesTree: [{ ...message('a', ROOT, 'hi'), children: [42] }] };
    expect(() => read(input)).toThrow(/messagesTree\[0\]\.children\[0\]/);
  });

  it('reads a very deep tree without recursion limits', () => {
    let node: Record<string, unknown> = message('leaf', '', 'deepest');
    for (let depth = 0; depth < 3_000; depth++)
      node = { ...message(`m${depth}`, '', `level ${depth}`), children: [node] };
    const draft = read({ conversationId: 'c', messagesTree: [node] }).conversations[0]!;
    expect(branch(draft)).toHaveLength(3_001);
    expect(textOf(branch(draft).at(-1)!)).toBe('deepest');
  });

  it('caps a conversation with more messages than allowed, keeping the shown branch', () => {
    const messages = [message('root', ROOT, 'q', { isCreatedByUser: true })];
    for (let index = 0; index < LIMITS.messagesPerConversation + 10; index++) {
      messages.push(message(`r${index}`, 'root', 'a', { createdAt: '2024-01-01T00:00:00Z' }));
    }
    messages.push(message('latest', 'root', 'newest', { createdAt: '2024-06-01T00:00:00Z' }));
    const draft = read({ conversationId: 'c', messages }).conversations[0]!;
    expect(draft.messages).toHaveLength(LIMITS.messagesPerConversation);
    expect(draft.currentLeafId).toBe('latest');
  });

  it('treats isCreatedByUser as the only sign of a user message', () => {
    const draft = read({
      conversationId: 'c',
      messages: [message('a', ROOT, 'hi', { isCreatedByUser: 'yes' })],
    }).conversations[0]!;
    expect(draft.messages[0]!.role).toBe('assistant');
  });
});
