/**
 * The public snapshot: what a share freezes and every viewer reads. Only the fields listed
 * here leave the server. System messages, hidden context, internal ids and model parameters
 * never do; author names only when the owner opts in.
 */
import type { Conversation, Part, Role } from '../model.js';
import { findSecrets, redactSecrets, type SecretMatch } from '../secrets.js';
import { selectMessages, type MessageRange } from '../selection.js';

export interface SharedMessage {
  /** Opaque and positional (`m1`, `m2`…): never the stored message id. */
  id: string;
  parentId: string | null;
  role: Exclude<Role, 'system'>;
  author?: string;
  parts: Part[];
  createdAt?: string;
  status?: 'incomplete';
  model?: string;
}

export interface Snapshot {
  /** Bumped when the snapshot's shape changes, so stored snapshots can be migrated. */
  format: 1;
  title: string;
  models: string[];
  messages: SharedMessage[];
}

export interface SnapshotOptions {
  /** The leaf of the branch to share; default the conversation's current leaf. */
  leafMessageId?: string;
  /** A slice of the branch by position (after hidden messages are removed), `end` exclusive. */
  range?: MessageRange;
  showAuthor: boolean;
  redact: boolean;
}

export interface SecretWarning extends Omit<SecretMatch, 'start' | 'end'> {
  /** Where it was found: `title` or `messages[3]` (positions in the snapshot). */
  location: string;
}

const mapStrings = (value: unknown, map: (text: string) => string): unknown => {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  }
  return value;
};

function mapPartText(part: Part, map: (text: string) => string): Part {
  switch (part.type) {
    case 'text':
    case 'code':
    case 'reasoning':
      return { ...part, text: map(part.text) };
    case 'tool_result':
      return { ...part, output: map(part.output) };
    case 'tool_call':
      return { ...part, input: mapStrings(part.input, map) };
    case 'image':
      return part.alt === undefined ? part : { ...part, alt: map(part.alt) };
    case 'attachment':
      return { ...part, name: map(part.name) };
  }
}

/**
 * Builds the snapshot of a conversation's branch. Throws `message_not_found` for an unknown
 * leaf and `empty_selection` for a range without messages.
 */
export function presentSnapshot(conversation: Conversation, options: SnapshotOptions): Snapshot {
  const chosen = selectMessages(conversation, options);
  const clean = options.redact ? redactSecrets : (text: string) => text;
  const messages = chosen.map((message, index): SharedMessage => ({
    id: `m${index + 1}`,
    parentId: index === 0 ? null : `m${index}`,
    role: message.role as SharedMessage['role'],
    ...(options.showAuthor && message.author ? { author: clean(message.author) } : {}),
    parts: message.parts.map((part) => mapPartText(part, clean)),
    ...(message.createdAt ? { createdAt: message.createdAt } : {}),
    ...(message.status === 'incomplete' ? { status: 'incomplete' as const } : {}),
    ...(message.model ? { model: message.model } : {}),
  }));
  return { format: 1, title: clean(conversation.title), models: [...conversation.models], messages };
}

/** Secrets in a snapshot, for the owner's warning before (or after) sharing. */
export function scanSnapshot(snapshot: Snapshot): SecretWarning[] {
  const warnings: SecretWarning[] = [];
  const collect = (text: string, location: string) => {
    for (const { start: _start, end: _end, ...match } of findSecrets(text)) warnings.push({ ...match, location });
  };
  collect(snapshot.title, 'title');
  snapshot.messages.forEach((message, index) => {
    const location = `messages[${index}]`;
    if (message.author) collect(message.author, location);
    for (const part of message.parts) mapPartText(part, (text) => (collect(text, location), text));
  });
  return warnings;
}
