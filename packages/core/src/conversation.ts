/**
 * Pure helpers over the message tree: validation, the branch to a leaf, titles, appending.
 */
import { errors } from './errors.js';
import { LIMITS } from './limits.js';
import { markdownToPlainText } from './plain-text.js';
import { cleanLine } from './text.js';
import type { ConversationDraft, ConversationInput, ImportFormat, Message, Part } from './model.js';

export const UNTITLED = 'Untitled conversation';

/** One problem found in a message tree, with a JSON path to where it is. */
export interface TreeProblem {
  path: string;
  message: string;
}

/**
 * Checks that ids are unique, every parent exists, no parent chain loops and the current
 * leaf exists. Returns the problems; an empty list means the tree is sound.
 */
export function findTreeProblems(messages: readonly Message[], currentLeafId: string | null): TreeProblem[] {
  const problems: TreeProblem[] = [];
  const byId = new Map<string, Message>();
  messages.forEach((message, index) => {
    if (byId.has(message.id)) problems.push({ path: `messages[${index}].id`, message: `duplicate id "${message.id}"` });
    else byId.set(message.id, message);
  });
  messages.forEach((message, index) => {
    if (message.parentId !== null && !byId.has(message.parentId)) {
      problems.push({ path: `messages[${index}].parentId`, message: `unknown parent "${message.parentId}"` });
    }
  });
  if (problems.length > 0) return problems;
  // Walk each chain once; a message already known to reach a root ends the walk early.
  const reachesRoot = new Set<string>();
  messages.forEach((message, index) => {
    const seen = new Set<string>();
    let cursor: Message | undefined = message;
    while (cursor && !reachesRoot.has(cursor.id)) {
      if (seen.has(cursor.id)) {
        problems.push({ path: `messages[${index}].parentId`, message: 'the parent chain loops' });
        return;
      }
      seen.add(cursor.id);
      cursor = cursor.parentId === null ? undefined : byId.get(cursor.parentId);
    }
    for (const id of seen) reachesRoot.add(id);
  });
  if (currentLeafId !== null && !byId.has(currentLeafId)) {
    problems.push({ path: 'currentLeafId', message: `unknown message "${currentLeafId}"` });
  }
  return problems;
}

/** Throws `invalid_conversation` listing the problems, if there are any. */
export function assertSoundTree(messages: readonly Message[], currentLeafId: string | null): void {
  const problems = findTreeProblems(messages, currentLeafId);
  if (problems.length > 0) {
    throw errors.invalidConversation(`The message tree is not valid: ${problems[0]!.path}: ${problems[0]!.message}`, {
      problems,
    });
  }
}

/** The messages from the root down to `leafId`, in order. Assumes a sound tree. */
export function branchTo(messages: readonly Message[], leafId: string | null): Message[] {
  if (leafId === null) return [];
  const byId = new Map(messages.map((message) => [message.id, message]));
  const branch: Message[] = [];
  let cursor = byId.get(leafId);
  while (cursor) {
    branch.push(cursor);
    cursor = cursor.parentId === null ? undefined : byId.get(cursor.parentId);
  }
  return branch.reverse();
}

/**
 * The counts the owner sees for a conversation, wherever it is listed (import summary,
 * conversation list, the conversation's page): `messageCount` is the messages of the shown
 * branch a reader sees (system messages are never shown), as a link of it would hold;
 * `branchCount` is how many branches (leaves) the tree has.
 *
 * @example messageCounts(messages, currentLeafId) // { messageCount: 12, branchCount: 3 }
 */
export function messageCounts(
  messages: readonly Message[],
  currentLeafId: string | null,
): { messageCount: number; branchCount: number } {
  const parents = new Set(messages.map((message) => message.parentId));
  return {
    messageCount: branchTo(messages, currentLeafId).filter((message) => message.role !== 'system').length,
    branchCount: messages.filter((message) => !parents.has(message.id)).length,
  };
}

/** The leaf a viewer sees when the source did not say: the last message that has no children. */
export function lastLeaf(messages: readonly Message[]): string | null {
  const parents = new Set(messages.map((message) => message.parentId));
  for (let index = messages.length - 1; index >= 0; index--) {
    if (!parents.has(messages[index]!.id)) return messages[index]!.id;
  }
  return null;
}

/** The visible text of a message's parts, for titles, search and secret scanning. */
export function partText(part: Part): string {
  switch (part.type) {
    case 'text':
    case 'code':
    case 'reasoning':
      return part.text;
    case 'tool_result':
      return part.output;
    case 'tool_call':
      return typeof part.input === 'string' ? part.input : JSON.stringify(part.input ?? null);
    case 'image':
      return part.alt ?? '';
    case 'attachment':
      return part.name;
  }
}

/** A title from the first user message: its text as plain prose (no markdown), cut at a word. */
export function deriveTitle(messages: readonly Message[], maxLength = 80): string {
  const firstUser = messages.find((message) => message.role === 'user');
  const text = firstUser?.parts
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('\n\n');
  const line = cleanLine(markdownToPlainText(text ?? ''));
  if (line === '') return UNTITLED;
  if (line.length <= maxLength) return line;
  const cut = sliceWhole(line, maxLength - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** Trims a title and bounds it to the stored limit; an empty one becomes `fallback`. */
export function cleanTitle(title: string | null | undefined, fallback: string): string {
  const folded = cleanLine(title ?? '');
  if (folded === '') return fallback;
  return folded.length > LIMITS.titleLength ? `${sliceWhole(folded, LIMITS.titleLength - 1)}…` : folded;
}

/** The first `length` UTF-16 units, one fewer if the cut would split a surrogate pair. */
function sliceWhole(text: string, length: number): string {
  const cut = text.slice(0, length);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Turns our own JSON input into a draft, checking the tree. */
export function draftFromInput(input: ConversationInput, format: ImportFormat, now: Date): ConversationDraft {
  const currentLeafId = input.currentLeafId ?? lastLeaf(input.messages);
  assertSoundTree(input.messages, currentLeafId);
  const models = [...new Set([...(input.models ?? []), ...modelsOf(input.messages)])];
  return {
    title: cleanTitle(input.title, deriveTitle(branchTo(input.messages, currentLeafId))),
    messages: input.messages,
    currentLeafId,
    models: models.slice(0, LIMITS.modelsPerConversation),
    ...(input.context ? { context: input.context } : {}),
    source: {
      format: input.source?.format ?? format,
      importedAt: now.toISOString(),
      ...(input.source?.id ? { id: input.source.id } : {}),
    },
  };
}

function modelsOf(messages: readonly Message[]): string[] {
  return messages.flatMap((message) => (message.model ? [message.model] : []));
}

/**
 * Appends messages to a conversation: the first one hangs under `parentId` (default: the
 * current leaf), each next one under the one before; the last becomes the current leaf.
 */
export function appendToTree(
  draft: Pick<ConversationDraft, 'messages' | 'currentLeafId' | 'models'>,
  added: readonly Omit<Message, 'parentId'>[],
  parentId: string | null | undefined,
): Pick<ConversationDraft, 'messages' | 'currentLeafId' | 'models'> {
  let parent = parentId === undefined ? draft.currentLeafId : parentId;
  const known = new Set(draft.messages.map((message) => message.id));
  if (parent !== null && !known.has(parent)) throw errors.messageNotFound(`No message "${parent}" to reply to.`);
  const appended: Message[] = [];
  for (const message of added) {
    if (known.has(message.id)) throw errors.conflict(`A message with id "${message.id}" already exists.`);
    known.add(message.id);
    appended.push({ ...message, parentId: parent });
    parent = message.id;
  }
  const messages = [...draft.messages, ...appended];
  if (messages.length > LIMITS.messagesPerConversation) {
    throw errors.payloadTooLarge(`A conversation holds at most ${LIMITS.messagesPerConversation} messages.`);
  }
  const models = [...new Set([...draft.models, ...modelsOf(appended)])].slice(0, LIMITS.modelsPerConversation);
  return { messages, currentLeafId: parent, models };
}
