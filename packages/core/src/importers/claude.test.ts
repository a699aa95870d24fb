import { describe, expect, it } from 'vitest';
import { branch, context, firstWords, fixture, partTypes, soundResult, textOf } from '../../test/importer-helpers.js';
import { claudeImporter } from './claude.js';
import { ImportError } from './import-error.js';
import { importConversations } from './index.js';

const read = (input: unknown) => soundResult(claudeImporter.read(input, context));

describe('Claude importer on the openwebui-importer thinking sample', () => {
  const input = fixture('claude', 'openwebui-importer_claude_thinking_example.json');
  const [draft] = read(input).conversations;

  it('is picked by auto-detection', () => {
    expect(importConversations(input, context).format).toBe('claude');
  });

  it('reads a human turn and an assistant turn with reasoning before the answer', () => {
    const shown = branch(draft!);
    expect(shown.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(firstWords(shown[0]!)).toBe('Can you greet me?');
    expect(shown[1]!.parts).toEqual([
      {
        type: 'reasoning',
        text: 'The user asked for a greeting. I should respond warmly and invite further conversation.',
      },
      { type: 'text', text: "Hello there! It's great to hear from you." },
    ]);
    expect(shown[1]!.parentId).toBe(shown[0]!.id);
  });

  it('keeps the uuids, the title and the dates', () => {
    expect(draft!.messages.map((message) => message.id)).toEqual([
      'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      'ffffffff-1111-2222-3333-444444444444',
    ]);
    expect(draft!.title).toBe('Thinking Demo');
    expect(draft!.messages[1]!.createdAt).toBe('2025-01-01T00:00:05.000Z');
    expect(draft!.models).toEqual([]);
  });
});

describe('Claude importer on our export in the shape of a real one', () => {
  const input = fixture('claude', 'own_claude-export.json');
  const [draft] = read(input).conversations;

  it('never shows the flattened text field when content blocks exist', () => {
    const answer = branch(draft!)[1]!;
    expect(partTypes(answer)).toEqual(['reasoning', 'text']);
    expect(textOf(answer)).toMatch(/^It is not dead\./);
    expect(textOf(answer)).not.toContain('The smell of acetone means');
  });

  it('lists attachments and files by name and keeps their extracted text out', () => {
    const question = branch(draft!)[0]!;
    expect(question.parts).toEqual([
      { type: 'text', text: 'My sourdough starter smells like nail polish remover. Is it dead?' },
      { type: 'attachment', name: 'feeding-log.txt', mediaType: 'text/plain' },
      { type: 'attachment', name: 'jar.jpg' },
    ]);
    expect(JSON.stringify(draft)).not.toContain('PRIVATE NOTE');
  });

  it('is picked by auto-detection and titled from name', () => {
    expect(importConversations(input, context).format).toBe('claude');
    expect(draft!.title).toBe('Sourdough starter smells odd');
    expect(draft!.messages[0]!.createdAt).toBe('2025-03-02T10:00:01.111Z');
  });
});

describe('Claude importer on our tools and branches sample', () => {
  const input = fixture('claude', 'own_claude-tools-branches.json');
  const result = read(input);
  const [tools, primes, legacy] = result.conversations;

  it('reads tool use, tool results, images and ignores unknown blocks', () => {
    const [question, answer] = branch(tools!);
    expect(partTypes(question!)).toEqual(['text', 'image']);
    expect(question!.parts[1]).toMatchObject({
      type: 'image',
      src: expect.stringMatching(/^data:image\/png;base64,iVBOR/),
    });
    expect(answer!.parts).toEqual([
      { type: 'tool_call', name: 'tide_lookup', input: { port: 'Brest', day: 'tomorrow' } },
      { type: 'tool_result', name: 'tide_lookup', output: 'High water 06:42 (6.1 m)\nLow water 12:55 (1.9 m)' },
      { type: 'text', text: 'High water at Brest is at 06:42 tomorrow, 6.1 m.' },
    ]);
  });

  it('derives a title when name is empty', () => {
    expect(tools!.title).toBe('What is the tide at Brest tomorrow morning?');
  });

  it('builds the tree from parent_message_uuid and follows current_leaf_message_uuid', () => {
    expect(primes!.messages).toHaveLength(4);
    expect(branch(primes!).map((message) => textOf(message))).toEqual(['Name an even prime.', '2']);
    expect(primes!.messages.filter((message) => message.parentId === null)).toHaveLength(2);
  });

  it('uses the text field when there are no content blocks', () => {
    expect(branch(legacy!).map((message) => textOf(message))).toEqual(["Translate 'bonjour'.", 'Hello.']);
  });

  it('skips only the conversation whose messages are not a list', () => {
    expect(result.skipped).toEqual([
      { index: 2, path: '[2].chat_messages', title: 'Broken', reason: 'chat_messages must be an array' },
    ]);
  });
});

describe('Claude importer on bad input', () => {
  it('skips the invalid-unicode sample, whose messages have no sender, naming the field', () => {
    const input = fixture('adversarial', 'openwebui-importer_invalid_unicode.json');
    const result = importConversations(input, context);
    expect(result.format).toBe('claude');
    expect(result.conversations).toEqual([]);
    expect(result.skipped).toEqual([
      {
        index: 0,
        path: '[0].chat_messages[0].sender',
        title: 'Invalid unicode test',
        reason: 'the message has no sender',
      },
    ]);
  });

  it('reports a loop in parent_message_uuid', () => {
    const input = [
      {
        name: 'loop',
        chat_messages: [
          { uuid: 'a', parent_message_uuid: 'b', sender: 'human', text: 'hi' },
          { uuid: 'b', parent_message_uuid: 'a', sender: 'assistant', text: 'hello' },
        ],
      },
    ];
    expect(read(input).skipped[0]).toMatchObject({ path: '[0].chat_messages[0].parent_message_uuid' });
  });

  it('generates ids for duplicate or missing uuids', () => {
    const input = [
      {
        chat_messages: [
          { uuid: 'same', sender: 'human', text: 'one' },
          { uuid: 'same', sender: 'assistant', text: 'two' },
          { sender: 'human', text: 'three' },
        ],
      },
    ];
    const draft = read(input).conversations[0]!;
    expect(draft.messages.map((message) => message.id)).toEqual(['same', 'msg-1', 'msg-2']);
    expect(branch(draft)).toHaveLength(3);
  });

  it('drops an image whose data is not base64 to a placeholder', () => {
    const input = [
      {
        chat_messages: [
          {
            sender: 'human',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/svg+xml', data: '<svg onload=alert(1)>' } },
            ],
          },
        ],
      },
    ];
    expect(read(input).conversations[0]!.messages[0]!.parts).toEqual([
      { type: 'attachment', name: 'image', mediaType: 'image/svg+xml' },
    ]);
  });

  it('keeps tool inputs as clean JSON whatever they hold', () => {
    const input = JSON.parse(
      '[{"chat_messages":[{"sender":"assistant","content":[{"type":"tool_use","name":"t","input":{"__proto__":{"x":"\\ud800"}}}]}]}]',
    );
    const part = read(input).conversations[0]!.messages[0]!.parts[0]!;
    expect(part).toEqual({ type: 'tool_call', name: 't', input: JSON.parse('{"__proto__":{"x":"\\ufffd"}}') });
    expect(Object.getPrototypeOf((part as { input: object }).input)).toBe(Object.prototype);
  });

  it('rejects something that is not an array of conversations', () => {
    expect(() => claudeImporter.read({ chat_messages: [] }, context)).toThrow(ImportError);
  });
});
