/**
 * Open WebUI chat export: an array of chat rows (`{ id, title, chat }`), a row's bare `chat`
 * object, or legacy rows that are the chat itself. `chat.history.messages` is the tree; see
 * docs/formats.md §2.
 *
 * Text is kept as written. Rows copied out of an SQL dump carry doubled apostrophes
 * (`can''t`), but `''` is also legitimate text (code, SQL, quotes), and nothing in the file
 * says which applies, so undoing it could corrupt correct exports.
 */
import type { Role } from '../model.js';
import { ImportError } from './import-error.js';
import { readOpenWebuiContent } from './openwebui-content.js';
import { asArray, isObject, toIsoDate, type JsonObject } from './read-helpers.js';
import { capParts, describe, entriesOf, optionalText, pathTo } from './sanitize.js';
import { assembleTree, finishDraft, readEach, sourceIdOf, type MessageBody, type SourceNode } from './tree-builder.js';
import type { ImportContext, Importer } from './types.js';

const ROLES: ReadonlyMap<unknown, Role> = new Map<unknown, Role>([
  ['user', 'user'],
  ['assistant', 'assistant'],
  ['system', 'system'],
]);

const isChat = (value: unknown): value is JsonObject =>
  isObject(value) && (isObject(value.history) || (isObject(value.chat) && isObject(value.chat.history)));

function readMessage(raw: unknown, path: string): MessageBody | null {
  if (!isObject(raw)) throw new ImportError(path, 'a message must be an object');
  const role = ROLES.get(raw.role);
  if (!role) throw new ImportError(pathTo(path, 'role'), `unknown role ${describe(raw.role)}`);
  const parts = readOpenWebuiContent(raw, role);
  if (parts.length === 0) return null;
  const createdAt = toIsoDate(raw.timestamp);
  const model = optionalText(raw.model, 200);
  const author = role === 'assistant' ? optionalText(raw.modelName, 120) : undefined;
  return {
    role,
    ...(author ? { author } : {}),
    parts: capParts(parts),
    ...(createdAt ? { createdAt } : {}),
    // `done: false` is a reply that was still streaming when it was saved.
    ...(role === 'assistant' && raw.done === false ? { status: 'incomplete' as const } : {}),
    ...(model ? { model } : {}),
  };
}

/** The message entries: the `history.messages` map, else the legacy linear `messages` list. */
function messageEntries(
  chat: JsonObject,
  chatPath: string,
): { entries: [string, unknown][]; path: string; isList: boolean } {
  const history = isObject(chat.history) ? chat.history : {};
  const historyPath = pathTo(pathTo(chatPath, 'history'), 'messages');
  if (history.messages !== undefined && !isObject(history.messages)) {
    throw new ImportError(historyPath, 'history.messages must be an object');
  }
  const map = entriesOf(history.messages);
  if (map.length > 0 || !Array.isArray(chat.messages)) return { entries: map, path: historyPath, isList: false };
  const used = new Set<string>();
  const entries = chat.messages.map((message, index): [string, unknown] => {
    const id = isObject(message) ? message.id : undefined;
    const key = typeof id === 'string' && !used.has(id) ? id : `#${index}`;
    used.add(key);
    return [key, message];
  });
  return { entries, path: pathTo(chatPath, 'messages'), isList: true };
}

function readConversation(item: unknown, path: string, { now }: ImportContext) {
  if (!isObject(item)) throw new ImportError(path, 'a chat must be an object');
  if (item.chat !== undefined && item.chat !== null && !isObject(item.chat)) {
    throw new ImportError(pathTo(path, 'chat'), 'chat must be an object');
  }
  const chat = isObject(item.chat) ? item.chat : item;
  const chatPath = isObject(item.chat) ? pathTo(path, 'chat') : path;
  const { entries, path: listPath, isList } = messageEntries(chat, chatPath);
  const rank = new Map<string, number>();
  for (const [, message] of entries) {
    if (!isObject(message)) continue;
    asArray(message.childrenIds).forEach((child, index) => {
      if (typeof child === 'string' && !rank.has(child)) rank.set(child, index);
    });
  }
  const nodes = entries.map(([key, message], index): SourceNode => {
    const messagePath = pathTo(listPath, isList ? index : key);
    const parent = isObject(message) ? message.parentId : undefined;
    // A legacy list without parent links is a plain sequence.
    const previous = isList && parent === undefined && index > 0 ? entries[index - 1]![0] : null;
    return {
      key,
      sourceId: key.startsWith('#') ? undefined : key,
      parentKey: typeof parent === 'string' ? parent : previous,
      message: readMessage(message, messagePath),
      parentPath: pathTo(messagePath, 'parentId'),
      ...(rank.has(key) ? { rank: rank.get(key)! } : {}),
    };
  });
  // The backend's choice of the shown branch, in its order; the first id that exists wins.
  const history = isObject(chat.history) ? chat.history : {};
  const lastListed = asArray(chat.messages).at(-1);
  const known = new Set(entries.map(([key]) => key));
  const currentKey =
    [
      history.currentId,
      chat.currentId,
      chat.branchPointMessageId,
      isObject(lastListed) ? lastListed.id : undefined,
    ].find((id): id is string => typeof id === 'string' && known.has(id)) ?? null;
  const tree = assembleTree(nodes, { currentKey, descend: true, path });
  return finishDraft({
    ...tree,
    title: optionalText(item.title, 1000) ?? chat.title,
    models: asArray(chat.models),
    format: 'openwebui',
    // The row's id; a bare chat's own `id` is often "" (then the content alone recognises it).
    sourceId: sourceIdOf(item.id, chat.id),
    now,
    path,
  });
}

export const openwebuiImporter: Importer = {
  format: 'openwebui',
  label: 'Open WebUI chat export',
  detect: (input) => (Array.isArray(input) ? input.some(isChat) : isChat(input)),
  read(input, context) {
    if (Array.isArray(input)) return readEach('openwebui', input, '', context, readConversation);
    if (!isChat(input)) throw new ImportError('', 'expected an Open WebUI chat or an array of chats');
    return { format: 'openwebui', conversations: [readConversation(input, '', context)], skipped: [] };
  },
};
