import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { context, fixture, soundResult } from '../../test/importer-helpers.js';
import { detectImporter, ImportError, importConversations, IMPORTERS } from './index.js';

const SAMPLES: [string, string, string][] = [
  ['chatgpt', 'librechat-fixture_chatgpt-tree.json', 'chatgpt'],
  ['chatgpt', 'librechat-fixture_chatgpt-modern-export.json', 'chatgpt'],
  ['chatgpt', 'openwebui-importer_gpt_example.json', 'chatgpt'],
  ['chatgpt', 'chatgpt-export-parser_example-conversation.json', 'chatgpt'],
  ['chatgpt', 'own_chatgpt-content-types.json', 'chatgpt'],
  ['claude', 'openwebui-importer_claude_thinking_example.json', 'claude'],
  ['claude', 'own_claude-export.json', 'claude'],
  ['claude', 'own_claude-tools-branches.json', 'claude'],
  ['openwebui', 'librechat-fixture_openwebui-export.json', 'openwebui'],
  ['openwebui', 'openwebui-importer_webui-json.json', 'openwebui'],
  ['openwebui', 'own_openwebui-branches-details.json', 'openwebui'],
  ['librechat', 'librechat-tree.json', 'librechat'],
  ['librechat', 'librechat-export_messagesTree.json', 'librechat'],
  ['librechat', 'librechat-opts-nonr-branches.json', 'librechat'],
  ['librechat', 'own_librechat-content-parts.json', 'librechat'],
  ['openai-messages', 'cookbook_toy_chat_fine_tuning.first4lines.jsonl', 'openai'],
  ['adversarial', 'openwebui-importer_invalid_unicode.json', 'claude'],
];

describe('format detection', () => {
  it.each(SAMPLES)('reads %s/%s as %s', (folder, file, format) => {
    const input = fixture(folder, file);
    expect(detectImporter(input).format).toBe(format);
    // Exactly one importer claims each sample, so the order of IMPORTERS is never what decides.
    expect(IMPORTERS.filter((importer) => importer.detect(input)).map((importer) => importer.format)).toEqual([format]);
    soundResult(importConversations(input, context));
  });

  it('lists the four new formats between chatshare (the API shape, then the file) and the generic OpenAI reader', () => {
    expect(IMPORTERS.map((importer) => importer.format)).toEqual([
      'chatshare',
      'chatshare',
      'chatgpt',
      'claude',
      'openwebui',
      'librechat',
      'openai',
    ]);
  });

  it('refuses a sample given with the wrong explicit format', () => {
    const claude = fixture('claude', 'openwebui-importer_claude_thinking_example.json');
    expect(() => importConversations(claude, { ...context, format: 'chatgpt' })).toThrow(ImportError);
    expect(importConversations(claude, { ...context, format: 'claude' }).conversations).toHaveLength(1);
  });

  it.each([[[]], [{}], [null], ['text'], [[1, 2]], [{ conversationId: 1, messages: [] }], [[{ mapping: [] }]]])(
    'reports %j as an unsupported format',
    (input) => {
      try {
        importConversations(input, context);
        expect.unreachable();
      } catch (error) {
        expect(isAppError(error) && error.code).toBe('unsupported_format');
      }
    },
  );
});
