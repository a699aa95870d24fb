import fc from 'fast-check';
import { describe, it } from 'vitest';
import { context, expectWellBehaved, fixture } from '../../test/importer-helpers.js';
import { graphArb, mutate, mutationArb, type Graph, type LinkFields } from '../../test/mutations.js';
import { chatgptImporter } from './chatgpt.js';
import { claudeImporter } from './claude.js';
import { importConversations } from './index.js';
import { librechatImporter } from './librechat.js';
import { openwebuiImporter } from './openwebui.js';
import type { Importer } from './types.js';

const RUNS = { numRuns: 200 };
const naughty = (fixture('adversarial', 'blns.json') as string[]).filter((text) => text.length > 0);

interface Subject {
  importer: Importer;
  samples: unknown[];
  link: LinkFields;
  /** The random graph written in this format. */
  encode: (graph: Graph) => unknown;
}

const sender = (role: string) => (role === 'user' ? 'human' : role);

const SUBJECTS: Subject[] = [
  {
    importer: chatgptImporter,
    samples: [
      'librechat-fixture_chatgpt-tree.json',
      'librechat-fixture_chatgpt-modern-export.json',
      'openwebui-importer_gpt_example.json',
      'chatgpt-export-parser_example-conversation.json',
      'own_chatgpt-content-types.json',
    ].map((name) => fixture('chatgpt', name)),
    link: { id: 'id', parent: 'parent' },
    encode: (graph) => [
      {
        title: graph.title,
        current_node: graph.current,
        mapping: Object.fromEntries(
          graph.nodes.map((node) => [
            node.id,
            {
              id: node.id,
              parent: node.parent,
              children: [],
              message: { author: { role: node.role }, content: { content_type: 'text', parts: [node.text] } },
            },
          ]),
        ),
      },
    ],
  },
  {
    importer: claudeImporter,
    samples: [
      fixture('claude', 'openwebui-importer_claude_thinking_example.json'),
      fixture('claude', 'own_claude-export.json'),
      fixture('claude', 'own_claude-tools-branches.json'),
      fixture('adversarial', 'openwebui-importer_invalid_unicode.json'),
    ],
    link: { id: 'uuid', parent: 'parent_message_uuid' },
    encode: (graph) => [
      {
        name: graph.title,
        current_leaf_message_uuid: graph.current,
        chat_messages: graph.nodes.map((node) => ({
          uuid: node.id,
          parent_message_uuid: node.parent ?? '00000000-0000-4000-8000-000000000000',
          sender: sender(node.role),
          content: [{ type: node.role === 'tool' ? 'thinking' : 'text', text: node.text, thinking: node.text }],
        })),
      },
    ],
  },
  {
    importer: openwebuiImporter,
    samples: [
      'librechat-fixture_openwebui-export.json',
      'openwebui-importer_webui-json.json',
      'own_openwebui-branches-details.json',
    ].map((name) => fixture('openwebui', name)),
    link: { id: 'id', parent: 'parentId' },
    encode: (graph) => [
      {
        title: graph.title,
        chat: {
          history: {
            currentId: graph.current,
            messages: Object.fromEntries(
              graph.nodes.map((node) => [
                node.id,
                { id: node.id, parentId: node.parent, role: node.role, content: node.text },
              ]),
            ),
          },
        },
      },
    ],
  },
  {
    importer: librechatImporter,
    samples: [
      'librechat-tree.json',
      'librechat-export_messagesTree.json',
      'librechat-opts-nonr-branches.json',
      'own_librechat-content-parts.json',
    ].map((name) => fixture('librechat', name)),
    link: { id: 'messageId', parent: 'parentMessageId' },
    encode: (graph) => ({
      conversationId: 'c',
      title: graph.title,
      messages: graph.nodes.map((node) => ({
        messageId: node.id,
        parentMessageId: node.parent ?? '00000000-0000-0000-0000-000000000000',
        isCreatedByUser: node.role === 'user',
        sender: node.role,
        text: node.text,
        content: node.role === 'tool' ? [{ type: 'think', think: node.text }] : undefined,
      })),
    }),
  },
];

describe.each(SUBJECTS)('$importer.label, property-based', ({ importer, samples, link, encode }) => {
  const read = (input: unknown) => () => importer.read(input, context);

  it('returns sound drafts or an ImportError for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => expectWellBehaved(input, read(input))),
      RUNS,
    );
  });

  it('returns sound drafts or an ImportError for any JavaScript value', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => expectWellBehaved(input, read(input))),
      RUNS,
    );
  });

  it('returns sound drafts or an ImportError for damaged copies of the real samples', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.array(mutationArb(naughty), { minLength: 1, maxLength: 4 }),
        (sample, mutations) => {
          const input = mutate(sample, mutations, link);
          expectWellBehaved(input, read(input));
          expectWellBehaved(input, () => importConversations(input, context));
        },
      ),
      RUNS,
    );
  });

  it('returns sound drafts or an ImportError for random message graphs with loops and dangling parents', () => {
    fc.assert(
      fc.property(graphArb, (graph) => {
        const input = encode(graph);
        expectWellBehaved(input, read(input));
      }),
      RUNS,
    );
  });
});

describe('auto-detection, property-based', () => {
  it('never throws anything but an ImportError or an unsupported-format error', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => expectWellBehaved(input, () => importConversations(input, context))),
      RUNS,
    );
  });
});
