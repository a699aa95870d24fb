/**
 * The model checked at both ends of storage. Before a write, a draft must match the model
 * (`draftProblem`), so nothing an importer got wrong is ever stored. After a read, data an
 * older version stored, or a hand-edited row, is taken as far as it matches
 * (`readableTree`, `readableSnapshot`): a message that does not is left out and its replies
 * hang on its parent, so one bad message never makes a conversation or a link unreadable.
 */
import { Type, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { findTreeProblems, type TreeProblem } from './conversation.js';
import { LIMITS } from './limits.js';
import { ImportFormatSchema, MessageSchema, PartSchema, type ConversationDraft, type Message } from './model.js';
import type { SharedMessage, Snapshot } from './presenters/snapshot.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const DraftSchema = Type.Object(
  {
    title: Type.String({ maxLength: LIMITS.titleLength }),
    messages: Type.Array(MessageSchema, { maxItems: LIMITS.messagesPerConversation }),
    currentLeafId: Type.Union([Type.String(), Type.Null()]),
    models: Type.Array(Type.String({ maxLength: LIMITS.modelNameLength }), { maxItems: LIMITS.modelsPerConversation }),
    context: Type.Optional(Type.String({ maxLength: LIMITS.partTextLength })),
    source: Type.Object(
      {
        format: ImportFormatSchema,
        importedAt: Type.String({ format: 'date-time' }),
        id: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.sourceIdLength })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const SharedMessageSchema = Type.Object({
  ...MessageSchema.properties,
  role: Type.Union([Type.Literal('user'), Type.Literal('assistant'), Type.Literal('tool')]),
  status: Type.Optional(Type.Literal('incomplete')),
});

const draftCheck = Compile(DraftSchema);
const messagesCheck = Compile(Type.Array(MessageSchema));
const sharedMessagesCheck = Compile(Type.Array(SharedMessageSchema));
const partCheck = Compile(PartSchema);

/** Pointer `/messages/3/role` as the path notation of import errors: `messages[3].role`. */
const toPath = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .reduce((path, key) => (/^\d+$/.test(key) ? `${path}[${key}]` : path ? `${path}.${key}` : key), '');

/** The first way a draft misses the model (shape, limits, tree), or undefined when it is sound. */
export function draftProblem(draft: ConversationDraft): TreeProblem | undefined {
  if (!draftCheck.Check(draft)) {
    const [first] = draftCheck.Errors(draft);
    return { path: toPath(first?.instancePath ?? ''), message: first?.message ?? 'does not match the model' };
  }
  return findTreeProblems(draft.messages, draft.currentLeafId)[0];
}

/** Per-field checkers of a message schema, so a message can keep the fields that are right. */
function salvager<T>(schema: { properties: Record<string, TSchema> }, whole: { Check(value: unknown): boolean }) {
  const fields = Object.entries(schema.properties).map(([key, sub]) => [key, Compile(sub)] as const);
  return (raw: unknown): T | undefined => {
    if (!isRecord(raw)) return undefined;
    const kept: Record<string, unknown> = {};
    for (const [key, check] of fields) {
      if (!Object.hasOwn(raw, key)) continue;
      const value =
        key === 'parts' && Array.isArray(raw.parts) ? raw.parts.filter((part) => partCheck.Check(part)) : raw[key];
      if (check.Check(value)) kept[key] = value;
    }
    // A message whose every part is unreadable has nothing left to show.
    const emptied =
      Array.isArray(raw.parts) && raw.parts.length > 0 && (kept.parts as unknown[] | undefined)?.length === 0;
    return !emptied && whole.Check(kept) ? (kept as T) : undefined;
  };
}

const salvageMessage = salvager<Message>(MessageSchema, Compile(MessageSchema));
const salvageShared = salvager<SharedMessage>(SharedMessageSchema, Compile(SharedMessageSchema));

/**
 * A stored message tree as far as it matches the model: unreadable messages left out (their
 * replies move to the nearest kept ancestor), unreadable parts dropped, loops cut, and the
 * current leaf moved to its nearest kept ancestor. Sound data comes back as it is.
 */
export function readableTree(
  messages: unknown,
  currentLeafId: unknown,
): { messages: Message[]; currentLeafId: string | null } {
  const leaf = typeof currentLeafId === 'string' ? currentLeafId : null;
  if (messagesCheck.Check(messages) && findTreeProblems(messages, leaf).length === 0) {
    return { messages, currentLeafId: leaf };
  }
  const kept = new Map<string, Message>();
  // Left-out messages by id, with the parent their replies move to.
  const dropped = new Map<string, unknown>();
  for (const raw of Array.isArray(messages) ? messages : []) {
    const message = salvageMessage(raw);
    if (message && !kept.has(message.id)) kept.set(message.id, message);
    else if (isRecord(raw) && typeof raw.id === 'string' && !kept.has(raw.id)) dropped.set(raw.id, raw.parentId);
  }
  const nearestKept = (id: unknown): string | null => {
    const seen = new Set<string>();
    let cursor = id;
    while (typeof cursor === 'string' && !kept.has(cursor) && !seen.has(cursor)) {
      seen.add(cursor);
      cursor = dropped.get(cursor);
    }
    return typeof cursor === 'string' && kept.has(cursor) ? cursor : null;
  };
  const list = [...kept.values()].map((message) => ({ ...message, parentId: nearestKept(message.parentId) }));
  // A loop (only a hand-edited row can hold one) is cut where it was found.
  for (let round = 0; round < list.length; round++) {
    const loop = findTreeProblems(list, null).find((problem) => problem.message === 'the parent chain loops');
    if (!loop) break;
    const index = Number(/\[(\d+)\]/.exec(loop.path)?.[1]);
    list[index] = { ...list[index]!, parentId: null };
  }
  const current = leaf === null ? null : (nearestKept(leaf) ?? list.at(-1)?.id ?? null);
  return { messages: list, currentLeafId: current };
}

/** A stored snapshot as far as it matches the model: unreadable messages left out, the chain relinked. */
export function readableSnapshot(raw: unknown): Snapshot {
  const value = isRecord(raw) ? raw : {};
  const title = typeof value.title === 'string' ? value.title : '';
  const models = Array.isArray(value.models) ? value.models.filter((model) => typeof model === 'string') : [];
  if (value.format === 1 && sharedMessagesCheck.Check(value.messages)) {
    return { format: 1, title, models, messages: value.messages };
  }
  const list = Array.isArray(value.messages) ? value.messages : [];
  const messages = list.flatMap((item): SharedMessage[] => {
    const message = salvageShared(item);
    return message ? [message] : [];
  });
  // Snapshot messages are one chain: each answers the one before.
  const chained = messages.map((message, index) => ({
    ...message,
    parentId: index === 0 ? null : messages[index - 1]!.id,
  }));
  return { format: 1, title, models, messages: chained };
}
