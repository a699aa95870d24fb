/**
 * Shared by the tree-shaped importers: turns the nodes a source file describes into a sound
 * message tree (unique ids, no loops, hidden nodes bridged), then into a draft.
 */
import { branchTo, cleanTitle, deriveTitle } from '../conversation.js';
import { LIMITS } from '../limits.js';
import type { ConversationDraft, ImportFormat, Message } from '../model.js';
import { ImportError } from './import-error.js';
import { isObject, wellFormed } from './read-helpers.js';
import { clip, optionalText } from './sanitize.js';
import type { ImportContext, ImportResult, SkippedConversation } from './types.js';

export type MessageBody = Omit<Message, 'id' | 'parentId'>;

/** One node of a source tree, as an importer read it. */
export interface SourceNode {
  /** Unique within the conversation; parents refer to it. */
  key: string;
  /** The id the source gave, kept in the draft when it is usable. */
  sourceId?: unknown;
  parentKey: string | null;
  /** Null when the node is not shown: its children then hang on its nearest shown ancestor. */
  message: MessageBody | null;
  /** Where the node's parent reference is in the file, for error messages. */
  parentPath: string;
  /** Position among its siblings as the source lists them; ties keep node order. */
  rank?: number;
}

export interface TreeOptions {
  /** The node the source marks as the end of the displayed branch. */
  currentKey?: string | null;
  /** Follow the last child down to a leaf when the current node has children (Open WebUI). */
  descend?: boolean;
  /** Picks the shown branch when the source does not say (an index into the leaves, in tree order); default: the last leaf. */
  chooseLeaf?: (leaves: readonly MessageBody[]) => number;
  /** Where the conversation is in the file. */
  path: string;
}

export interface Tree {
  messages: Message[];
  currentLeafId: string | null;
}

const usableId = (id: unknown): id is string =>
  typeof id === 'string' && id.length > 0 && id.length <= LIMITS.messageIdLength && wellFormed(id) === id;

/**
 * The first of `candidates` that can serve as the source's id for a conversation: a non-blank
 * string within the limit. Anything else (missing, `""`, a number, too long) means the
 * conversation is recognised by its content alone.
 */
export function sourceIdOf(...candidates: unknown[]): string | undefined {
  return candidates.find(
    (id): id is string =>
      typeof id === 'string' &&
      id.trim() === id &&
      id !== '' &&
      id.length <= LIMITS.sourceIdLength &&
      wellFormed(id) === id,
  );
}

/** Builds the shown tree: throws an ImportError if a parent chain loops. */
export function assembleTree(nodes: readonly SourceNode[], options: TreeOptions): Tree {
  const byKey = new Map<string, SourceNode>();
  for (const node of nodes) if (!byKey.has(node.key)) byKey.set(node.key, node);
  const parentOf = (node: SourceNode): SourceNode | undefined =>
    node.parentKey === null ? undefined : byKey.get(node.parentKey);

  // Nearest shown ancestor of each node (null: none), found once per chain; a revisit is a loop.
  const shownParent = new Map<SourceNode, SourceNode | null>();
  for (const node of byKey.values()) {
    const chain: SourceNode[] = [];
    const onChain = new Set<SourceNode>();
    let cursor: SourceNode | undefined = node;
    while (cursor && !shownParent.has(cursor)) {
      if (onChain.has(cursor)) throw new ImportError(cursor.parentPath, 'the parent chain loops');
      onChain.add(cursor);
      chain.push(cursor);
      cursor = parentOf(cursor);
    }
    let above: SourceNode | null = cursor ? (cursor.message ? cursor : shownParent.get(cursor)!) : null;
    for (let index = chain.length - 1; index >= 0; index--) {
      const current = chain[index]!;
      shownParent.set(current, above);
      if (current.message) above = current;
    }
  }

  const shown = [...byKey.values()].filter((node) => node.message !== null);
  const order = new Map(shown.map((node, index) => [node, index]));
  const children = new Map<SourceNode | null, SourceNode[]>();
  for (const node of shown) {
    const parent = shownParent.get(node) ?? null;
    const list = children.get(parent) ?? [];
    list.push(node);
    children.set(parent, list);
  }
  const rankOf = (node: SourceNode) => node.rank ?? Number.POSITIVE_INFINITY;
  for (const list of children.values()) {
    list.sort((a, b) => rankOf(a) - rankOf(b) || order.get(a)! - order.get(b)!);
  }

  // Source ids are reserved first so a generated id can never take one.
  const ids = new Map<SourceNode, string>();
  const taken = new Set<string>();
  for (const node of shown) {
    if (usableId(node.sourceId) && !taken.has(node.sourceId)) {
      ids.set(node, node.sourceId);
      taken.add(node.sourceId);
    }
  }
  let counter = 0;
  for (const node of shown) {
    if (ids.has(node)) continue;
    let id: string;
    do id = `msg-${++counter}`;
    while (taken.has(id));
    ids.set(node, id);
    taken.add(id);
  }

  // Depth-first, parents before children, siblings in source order.
  const ordered: SourceNode[] = [];
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    ordered.push(node);
    // A loop rather than push(...list): a node may have more children than a call takes arguments.
    const list = children.get(node) ?? [];
    for (let index = list.length - 1; index >= 0; index--) stack.push(list[index]!);
  }

  let leaf = pickLeaf(options, byKey, shownParent, children);
  if (!leaf) {
    const leaves = ordered.filter((node) => !children.has(node));
    const chosen = options.chooseLeaf ? options.chooseLeaf(leaves.map((node) => node.message!)) : leaves.length - 1;
    leaf = leaves[chosen] ?? null;
  }
  let kept = ordered;
  if (ordered.length > LIMITS.messagesPerConversation) {
    kept = capToLimit(ordered, leaf, shownParent, options.path);
  }
  const messages = kept.map((node): Message => ({
    id: ids.get(node)!,
    parentId: shownParent.get(node) ? ids.get(shownParent.get(node)!)! : null,
    ...node.message!,
  }));
  return { messages, currentLeafId: leaf ? ids.get(leaf)! : null };
}

function pickLeaf(
  options: TreeOptions,
  byKey: Map<string, SourceNode>,
  shownParent: Map<SourceNode, SourceNode | null>,
  children: Map<SourceNode | null, SourceNode[]>,
): SourceNode | null {
  const start = options.currentKey == null ? undefined : byKey.get(options.currentKey);
  if (!start) return null;
  let leaf = start.message ? start : (shownParent.get(start) ?? null);
  while (leaf && options.descend && children.has(leaf)) leaf = children.get(leaf)!.at(-1)!;
  return leaf;
}

/**
 * Keeps the displayed branch whole and then as many other messages (parents first) as the
 * limit allows; a branch longer than the limit cannot be imported faithfully.
 */
function capToLimit(
  ordered: SourceNode[],
  leaf: SourceNode | null,
  shownParent: Map<SourceNode, SourceNode | null>,
  path: string,
): SourceNode[] {
  const keep = new Set<SourceNode>();
  for (let cursor = leaf; cursor; cursor = shownParent.get(cursor) ?? null) keep.add(cursor);
  if (keep.size > LIMITS.messagesPerConversation) {
    throw new ImportError(
      path,
      `the conversation shows ${keep.size} messages in a row; at most ${LIMITS.messagesPerConversation} can be imported`,
    );
  }
  for (const node of ordered) {
    if (keep.size >= LIMITS.messagesPerConversation) break;
    const parent = shownParent.get(node) ?? null;
    if (parent === null || keep.has(parent)) keep.add(node);
  }
  return ordered.filter((node) => keep.has(node));
}

export interface DraftFields extends Tree {
  title: unknown;
  models?: unknown[];
  context?: string;
  format: ImportFormat;
  /** The source's own id for the conversation, if it has a usable one (see `sourceIdOf`). */
  sourceId?: string | undefined;
  now: Date;
  path: string;
}

/** The draft for a built tree: title from the source or the shown branch, models deduplicated. */
export function finishDraft(fields: DraftFields): ConversationDraft {
  const { messages, currentLeafId } = fields;
  if (messages.length === 0) throw new ImportError(fields.path, 'the conversation has no messages to show');
  const title = typeof fields.title === 'string' ? wellFormed(fields.title) : undefined;
  const models = new Set<string>();
  for (const model of [...(fields.models ?? []), ...messages.map((message) => message.model)]) {
    const name = optionalText(model, LIMITS.modelNameLength);
    if (name) models.add(name);
  }
  const context = fields.context?.trim() ? clip(fields.context.trim()) : undefined;
  return {
    title: cleanTitle(title, deriveTitle(branchTo(messages, currentLeafId))),
    messages,
    currentLeafId,
    models: [...models].slice(0, LIMITS.modelsPerConversation),
    ...(context ? { context } : {}),
    source: {
      format: fields.format,
      importedAt: fields.now.toISOString(),
      ...(fields.sourceId ? { id: fields.sourceId } : {}),
    },
  };
}

/** The reason text of an ImportError without the path its message starts with. */
const reasonOf = (error: ImportError): string =>
  error.path && error.message.startsWith(`${error.path}: `)
    ? error.message.slice(error.path.length + 2)
    : error.message;

/**
 * Reads each conversation of a multi-conversation file: one that fails with an ImportError is
 * listed in `skipped` and the others are still imported.
 */
export function readEach(
  format: ImportFormat,
  items: readonly unknown[],
  base: string,
  context: ImportContext,
  read: (item: unknown, path: string, context: ImportContext) => ConversationDraft,
  titleKeys: readonly string[] = ['title'],
): ImportResult {
  const result: ImportResult = { format, conversations: [], skipped: [] };
  items.forEach((item, index) => {
    const path = `${base}[${index}]`;
    try {
      result.conversations.push(read(item, path, context));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      const skipped: SkippedConversation = { index, path: error.path || path, reason: reasonOf(error) };
      const title = isObject(item)
        ? titleKeys.map((key) => optionalText(item[key], LIMITS.titleLength)).find(Boolean)
        : undefined;
      if (title) skipped.title = cleanTitle(title, '');
      result.skipped.push(skipped);
    }
  });
  return result;
}
