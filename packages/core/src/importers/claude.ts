/**
 * Claude.ai data export (`conversations.json`): an array of conversations with `chat_messages`.
 * The list is linear unless messages carry `parent_message_uuid`; see docs/formats.md §3.
 */
import type { Part, Role } from '../model.js';
import { ImportError } from './import-error.js';
import { asArray, asString, isObject, toIsoDate, type JsonObject } from './read-helpers.js';
import {
  attachmentPart,
  base64ImagePart,
  capParts,
  codePart,
  describe,
  pathTo,
  reasoningPart,
  textPart,
  toolCallPart,
  toolResultPart,
} from './sanitize.js';
import { assembleTree, finishDraft, readEach, sourceIdOf, type MessageBody, type SourceNode } from './tree-builder.js';
import type { ImportContext, Importer } from './types.js';

const ROOT = '00000000-0000-4000-8000-000000000000';
const SENDERS: ReadonlyMap<unknown, Role> = new Map<unknown, Role>([
  ['human', 'user'],
  ['assistant', 'assistant'],
]);

function readBlock(block: unknown): Part[] {
  if (!isObject(block)) return [];
  switch (block.type) {
    case 'text':
      return textPart(asString(block.text) ?? '');
    case 'thinking': {
      const thinking = asString(block.thinking) ?? '';
      // Without the thinking text, the last summary is what claude.ai shows.
      const summary = asArray(block.summaries).findLast(isObject)?.summary;
      return reasoningPart(thinking.trim() ? thinking : (asString(summary) ?? ''));
    }
    case 'tool_use':
      return [toolCallPart(block.name, block.input ?? {})];
    case 'tool_result':
      return [toolResultPart(flatten(block.content), block.name)];
    case 'voice_note':
      return textPart(asString(block.text) ?? '');
    case 'code':
      return codePart(asString(block.code) ?? asString(block.text) ?? '', block.language);
    case 'image': {
      const source = isObject(block.source) ? block.source : {};
      return source.type === 'base64' ? [base64ImagePart(source.media_type, source.data)] : [];
    }
    default:
      return [];
  }
}

/** A tool result's content as text: strings and text blocks joined, other blocks left out. */
function flatten(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((item) => (typeof item === 'string' ? item : isObject(item) ? (asString(item.text) ?? '') : ''))
    .filter((text) => text !== '')
    .join('\n');
}

/** Files the message referenced; `extracted_content` is the file's text and stays out of shared text. */
function readFiles(message: JsonObject): Part[] {
  const seen = new Set<string>();
  const parts: Part[] = [];
  for (const file of [...asArray(message.attachments), ...asArray(message.files)]) {
    if (!isObject(file)) continue;
    const part = attachmentPart(file.file_name ?? file.name, file.file_type);
    if (part.type !== 'attachment' || seen.has(part.name)) continue;
    seen.add(part.name);
    parts.push(part);
  }
  return parts;
}

function readMessage(message: JsonObject, path: string): MessageBody | null {
  const role = SENDERS.get(message.sender);
  if (!role) {
    const reason =
      message.sender === undefined ? 'the message has no sender' : `unknown sender ${describe(message.sender)}`;
    throw new ImportError(pathTo(path, 'sender'), reason);
  }
  const blocks = asArray(message.content);
  // The flattened `text` repeats thinking and answer together: use it only when there are no blocks.
  const parts = blocks.length > 0 ? blocks.flatMap(readBlock) : textPart(asString(message.text) ?? '');
  parts.push(...readFiles(message));
  if (parts.length === 0) return null;
  const createdAt = toIsoDate(message.created_at);
  return { role, parts: capParts(parts), ...(createdAt ? { createdAt } : {}) };
}

function readConversation(item: unknown, path: string, { now }: ImportContext) {
  if (!isObject(item)) throw new ImportError(path, 'a conversation must be an object');
  const listPath = pathTo(path, 'chat_messages');
  if (!Array.isArray(item.chat_messages)) throw new ImportError(listPath, 'chat_messages must be an array');
  const list = item.chat_messages;
  const branched = list.some((message) => isObject(message) && typeof message.parent_message_uuid === 'string');
  const keyOf = new Map<string, string>();
  const keys = list.map((message, index) => {
    const uuid = isObject(message) ? message.uuid : undefined;
    if (typeof uuid === 'string' && !keyOf.has(uuid)) {
      keyOf.set(uuid, `u:${uuid}`);
      return `u:${uuid}`;
    }
    return `i:${index}`;
  });
  const nodes = list.map((message, index): SourceNode => {
    const messagePath = pathTo(listPath, index);
    if (!isObject(message)) throw new ImportError(messagePath, 'a message must be an object');
    const previous = index > 0 ? keys[index - 1]! : null;
    const parent = message.parent_message_uuid;
    // In a branched export a message without a parent reference follows the one before it.
    const parentKey =
      !branched || typeof parent !== 'string' ? previous : parent === ROOT ? null : (keyOf.get(parent) ?? null);
    return {
      key: keys[index]!,
      sourceId: message.uuid,
      parentKey,
      message: readMessage(message, messagePath),
      parentPath: pathTo(messagePath, branched ? 'parent_message_uuid' : 'uuid'),
    };
  });
  // Without a recorded leaf, the last message listed is the one written last.
  const leafUuid = item.current_leaf_message_uuid;
  const currentKey = (typeof leafUuid === 'string' && keyOf.get(leafUuid)) || keys.at(-1) || null;
  const tree = assembleTree(nodes, { currentKey, path });
  return finishDraft({
    ...tree,
    title: item.name,
    models: [item.model],
    format: 'claude',
    sourceId: sourceIdOf(item.uuid),
    now,
    path,
  });
}

export const claudeImporter: Importer = {
  format: 'claude',
  label: 'Claude export (conversations.json)',
  detect: (input) => Array.isArray(input) && input.some((item) => isObject(item) && Array.isArray(item.chat_messages)),
  read(input, context) {
    if (!Array.isArray(input)) throw new ImportError('', 'expected an array of Claude conversations');
    return readEach('claude', input, '', context, readConversation, ['name', 'title']);
  },
};
