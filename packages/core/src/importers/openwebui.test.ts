import { describe, expect, it } from 'vitest';
import { branch, context, firstWords, fixture, partTypes, soundResult, textOf } from '../../test/importer-helpers.js';
import { ImportError } from './import-error.js';
import { importConversations } from './index.js';
import { openwebuiImporter } from './openwebui.js';

const read = (input: unknown) => soundResult(openwebuiImporter.read(input, context));

/** A one-message assistant chat with the given content. */
const assistantSaying = (content: string, extra: Record<string, unknown> = {}) => ({
  history: {
    currentId: 'a',
    messages: { a: { id: 'a', parentId: null, role: 'assistant', content, ...extra } },
  },
});

describe('Open WebUI importer on the LibreChat export sample', () => {
  const input = fixture('openwebui', 'librechat-fixture_openwebui-export.json');
  const result = read(input);
  const [reasoning, tool, simple] = result.conversations;

  it('is picked by auto-detection', () => {
    expect(importConversations(input, context).format).toBe('openwebui');
  });

  it('imports each row with its title and models', () => {
    expect(result.conversations.map((draft) => draft.title)).toEqual([
      'Chat with reasoning',
      'Chat with tool call',
      'Simple linear chat',
    ]);
    expect(result.conversations.map((draft) => draft.models)).toEqual([
      ['deepseek-r1'],
      ['gpt-4o'],
      ['llama3.1:latest'],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('turns a reasoning details block into a reasoning part and keeps the answer as text', () => {
    const [question, answer] = branch(reasoning!);
    expect(firstWords(question!)).toBe('What is 15 *');
    expect(answer!.parts).toEqual([
      { type: 'reasoning', text: 'Let me break this down...' },
      { type: 'text', text: '255' },
    ]);
    expect(answer).toMatchObject({ role: 'assistant', model: 'deepseek-r1', createdAt: '2023-11-14T22:13:30.000Z' });
  });

  it('turns a tool_calls details block into a call and a result, named from output[]', () => {
    const answer = branch(tool!)[1]!;
    expect(answer.parts).toEqual([
      { type: 'tool_call', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_result', name: 'get_weather', output: 'Paris: 18C, rain' },
      { type: 'text', text: 'The weather in Paris is 18C with rain.' },
    ]);
    expect(JSON.stringify(tool)).not.toContain('<details');
  });

  it('reads a plain chat as is', () => {
    expect(branch(simple!).map((message) => [message.role, textOf(message)])).toEqual([
      ['user', 'Hello'],
      ['assistant', 'Hi there!'],
    ]);
  });
});

describe('Open WebUI importer on the SQL-dump chat sample', () => {
  const input = fixture('openwebui', 'openwebui-importer_webui-json.json');
  const [draft] = read(input).conversations;

  it('is picked by auto-detection although the chat also has a role-tagged messages list', () => {
    expect(importConversations(input, context).format).toBe('openwebui');
  });

  it('imports the bare chat object and keeps the doubled apostrophes as written', () => {
    const shown = branch(draft!);
    expect(shown.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(textOf(shown[0]!)).toContain("you can''t diagnose");
    expect(firstWords(shown[1]!, 3)).toBe("The principle you''re");
  });

  it('keeps the emoji title, the model and the model label', () => {
    expect(draft!.title).toBe('\u{1f9e0} Goldwater Rule Ethics');
    expect(draft!.models).toEqual(['deepseek/deepseek-chat:free']);
    expect(branch(draft!)[1]).toMatchObject({
      model: 'deepseek/deepseek-chat:free',
      author: 'DeepSeek: DeepSeek V3 (free)',
      createdAt: '2025-04-13T20:52:37.000Z',
    });
  });
});

describe('Open WebUI importer on our branches and details sample', () => {
  const input = fixture('openwebui', 'own_openwebui-branches-details.json');
  const result = read(input);
  const [trip, haiku] = result.conversations;

  it('keeps the regenerated reply as a branch and shows the current one', () => {
    expect(trip!.messages).toHaveLength(5);
    const shown = branch(trip!);
    expect(shown.map((message) => message.id)).toEqual(['u1', 'a1b', 'u2', 'a2']);
    expect(trip!.messages.find((message) => message.id === 'a1')).toMatchObject({
      parentId: 'u1',
      model: 'llama3.1:8b',
    });
  });

  it('decodes entity-encoded tool attributes and removes the HTML', () => {
    const answer = branch(trip!)[1]!;
    expect(answer.parts).toEqual([
      { type: 'reasoning', text: 'The user wants the weather.\nI should call the tool.' },
      { type: 'tool_call', name: 'get_weather', input: { city: 'Lisbon' } },
      { type: 'tool_result', name: 'get_weather', output: 'Lisbon: 21\u00b0C, showers & wind' },
      { type: 'text', text: 'Showers are likely, so yes: pack an umbrella. <b>Bold</b> stays text.' },
    ]);
  });

  it('reads an unclosed reasoning block of an unfinished reply', () => {
    const last = branch(trip!)[3]!;
    expect(last).toMatchObject({
      status: 'incomplete',
      parts: [{ type: 'reasoning', text: 'Porto is further north' }],
    });
  });

  it('turns message files into an inline image and an attachment', () => {
    expect(partTypes(branch(trip!)[0]!)).toEqual(['image', 'attachment', 'text']);
    expect(branch(trip!)[0]!.parts[1]).toEqual({
      type: 'attachment',
      name: 'itinerary.pdf',
      mediaType: 'application/pdf',
    });
  });

  it('falls back to the last item of chat.messages when no current id is recorded', () => {
    expect(branch(haiku!).map((message) => message.id)).toEqual(['s1', 's2']);
    expect(haiku!.messages).toHaveLength(3);
    expect(haiku!.title).toBe('Haiku about rain');
  });

  it('skips the row with an unknown role and names the field', () => {
    expect(result.skipped).toEqual([
      { index: 2, path: '[2].chat.history.messages.bad.role', title: 'Bad role', reason: 'unknown role "robot"' },
    ]);
  });
});

describe('Open WebUI importer on bad input', () => {
  it('follows the last child down when the current id is not a leaf', () => {
    const input = {
      history: {
        currentId: 'q',
        messages: {
          q: { id: 'q', parentId: null, childrenIds: ['x', 'y'], role: 'user', content: 'hi' },
          y: { id: 'y', parentId: 'q', role: 'assistant', content: 'second' },
          x: { id: 'x', parentId: 'q', role: 'assistant', content: 'first' },
        },
      },
    };
    expect(read(input).conversations[0]!.currentLeafId).toBe('y');
  });

  it('reports a parentId loop with its path', () => {
    const input = [
      {
        title: 'loop',
        chat: {
          history: {
            messages: {
              a: { id: 'a', parentId: 'b', role: 'user', content: 'hi' },
              b: { id: 'b', parentId: 'a', role: 'assistant', content: 'hello' },
            },
          },
        },
      },
    ];
    expect(read(input).skipped[0]).toMatchObject({ path: '[0].chat.history.messages.a.parentId' });
  });

  it('throws for a single chat that cannot be read', () => {
    expect(() => openwebuiImporter.read({ history: { messages: 'x' } }, context)).toThrow(ImportError);
    expect(() => openwebuiImporter.read(42, context)).toThrow(ImportError);
  });

  it('leaves details blocks of other types in the text', () => {
    const draft = read(assistantSaying('<details><summary>Spoiler</summary>It was the butler.</details>'))
      .conversations[0]!;
    expect(textOf(draft.messages[0]!)).toBe('<details><summary>Spoiler</summary>It was the butler.</details>');
  });

  it('survives unterminated and deeply repeated details tags quickly', () => {
    const content = `${'<details type="reasoning">'.repeat(20_000)}x${'<details '.repeat(20_000)}`;
    const started = performance.now();
    const draft = read(assistantSaying(content)).conversations[0]!;
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(draft.messages[0]!.parts[0]!.type).toBe('reasoning');
  });

  it('reads code interpreter blocks as code and output', () => {
    const block =
      '<details type="code_interpreter" done="true" output="{&quot;stdout&quot;: &quot;4\\n&quot;}">' +
      '<summary>Analyzed</summary>\n```python\nprint(2 + 2)\n```\n</details>Done.';
    expect(read(assistantSaying(block)).conversations[0]!.messages[0]!.parts).toEqual([
      { type: 'code', language: 'python', text: 'print(2 + 2)' },
      { type: 'tool_result', name: 'code_interpreter', output: '4\n' },
      { type: 'text', text: 'Done.' },
    ]);
  });

  it('uses output[] when the content is empty', () => {
    const draft = read(
      assistantSaying('', {
        output: [
          { type: 'reasoning', content: [{ type: 'output_text', text: 'Thinking' }] },
          { type: 'message', content: [{ type: 'output_text', text: 'Answer' }] },
        ],
      }),
    ).conversations[0]!;
    expect(draft.messages[0]!.parts).toEqual([
      { type: 'reasoning', text: 'Thinking' },
      { type: 'text', text: 'Answer' },
    ]);
  });

  it('turns numeric entities outside Unicode into replacement characters', () => {
    const block = '<details type="tool_calls" name="t" result="&#x110000;&#55296;&#65;"></details>';
    expect(read(assistantSaying(block)).conversations[0]!.messages[0]!.parts[1]).toEqual({
      type: 'tool_result',
      name: 't',
      output: '\ufffd\ufffdA',
    });
  });
});
