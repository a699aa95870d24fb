/**
 * ChatGPT data export (`conversations.json`): an array of conversations, each a `mapping` of
 * nodes linked by `parent`, with `current_node` at the end of the branch the app showed.
 * Every branch is kept; see docs/formats.md §1.
 */
import { ImportError } from './import-error.js';
import { readChatgptMessage } from './chatgpt-content.js';
import { asArray, isObject } from './read-helpers.js';
import { entriesOf, pathTo } from './sanitize.js';
import { assembleTree, finishDraft, readEach, sourceIdOf, type SourceNode } from './tree-builder.js';
import type { ImportContext, Importer } from './types.js';

/** The conversations array: the file itself, or its `conversations` key (some tools re-wrap exports). */
function conversationList(input: unknown): unknown[] | undefined {
  if (Array.isArray(input)) return input;
  if (isObject(input) && Array.isArray(input.conversations)) return input.conversations;
  return undefined;
}

function readConversation(item: unknown, path: string, { now }: ImportContext) {
  if (!isObject(item)) throw new ImportError(path, 'a conversation must be an object');
  const mappingPath = pathTo(path, 'mapping');
  if (!isObject(item.mapping)) {
    throw new ImportError(
      mappingPath,
      item.mapping === undefined ? 'the conversation has no message mapping' : 'mapping must be an object',
    );
  }
  const entries = entriesOf(item.mapping);
  // A node's place among its siblings is its index in the parent's `children`.
  const rank = new Map<string, number>();
  for (const [, node] of entries) {
    if (!isObject(node)) continue;
    asArray(node.children).forEach((child, index) => {
      if (typeof child === 'string' && !rank.has(child)) rank.set(child, index);
    });
  }
  const contexts: string[] = [];
  const nodes = entries.map(([key, node]): SourceNode => {
    const nodePath = pathTo(mappingPath, key);
    if (!isObject(node)) throw new ImportError(nodePath, 'a mapping node must be an object');
    return {
      key,
      sourceId: key,
      // Keys are not in tree order and a parent may be missing: such a node becomes a root.
      parentKey: typeof node.parent === 'string' ? node.parent : null,
      message: readChatgptMessage(node.message, pathTo(nodePath, 'message'), contexts),
      parentPath: pathTo(nodePath, 'parent'),
      ...(rank.has(key) ? { rank: rank.get(key)! } : {}),
    };
  });
  // A missing or unknown `current_node` is not worth losing the conversation over: the tree
  // builder then shows the last branch (the latest edit or regeneration), as a reader would expect.
  const currentKey = typeof item.current_node === 'string' ? item.current_node : null;
  const tree = assembleTree(nodes, { currentKey, path });
  return finishDraft({
    ...tree,
    title: item.title,
    context: [...new Set(contexts)].join('\n\n'),
    format: 'chatgpt',
    // Exports carry both, the same UUID; older ones only `id`.
    sourceId: sourceIdOf(item.conversation_id, item.id),
    now,
    path,
  });
}

export const chatgptImporter: Importer = {
  format: 'chatgpt',
  label: 'ChatGPT export (conversations.json)',
  detect: (input) => conversationList(input)?.some((item) => isObject(item) && isObject(item.mapping)) ?? false,
  read(input, context) {
    const list = conversationList(input);
    if (!list) throw new ImportError('', 'expected an array of ChatGPT conversations');
    return readEach('chatgpt', list, Array.isArray(input) ? '' : 'conversations', context, readConversation);
  },
};
