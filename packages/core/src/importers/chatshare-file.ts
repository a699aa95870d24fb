/**
 * The chatshare file: one shared conversation as a versioned JSON document, what
 * `GET /s/:code.json` downloads and every instance imports back (docs/formats.md §7). It is
 * written from what a reader of the link sees (the presented snapshot), field by field, so it
 * never holds more than the page: no hidden context, no other branches, no internal ids.
 */
import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { PartSchema, type Part } from '../model.js';
import { isObject } from './read-helpers.js';

export const CHATSHARE_FILE_FORMAT = 'chatshare';
/** Raised when the document's shape changes; an instance reads only the versions it knows. */
export const CHATSHARE_FILE_VERSION = 1;

/** A chatshare file of any version: `format` says so, whatever else is wrong with it. */
export const isChatshareFile = (input: unknown): boolean =>
  isObject(input) && Object.hasOwn(input, 'format') && input.format === CHATSHARE_FILE_FORMAT;

/** One message of the shown branch, in order: its place in the list is its place in the chain. */
export const ChatshareFileMessageSchema = Type.Object(
  {
    role: Type.Union([Type.Literal('user'), Type.Literal('assistant'), Type.Literal('tool')]),
    author: Type.Optional(Type.String({ maxLength: LIMITS.authorLength })),
    createdAt: Type.Optional(Type.String({ format: 'date-time' })),
    status: Type.Optional(Type.Literal('incomplete')),
    model: Type.Optional(Type.String({ maxLength: LIMITS.modelNameLength })),
    parts: Type.Array(PartSchema, { maxItems: LIMITS.partsPerMessage }),
  },
  { additionalProperties: false },
);

/** The fields an importer needs; `format` and `version` are checked before this. */
export const ChatshareFileSchema = Type.Object({
  title: Type.String({ maxLength: LIMITS.titleLength }),
  url: Type.Optional(Type.String({ maxLength: 2000 })),
  sharedAt: Type.Optional(Type.String({ format: 'date-time' })),
  sharedBy: Type.Optional(Type.String({ maxLength: LIMITS.displayNameLength })),
  models: Type.Optional(
    Type.Array(Type.String({ maxLength: LIMITS.modelNameLength }), { maxItems: LIMITS.modelsPerConversation }),
  ),
  messages: Type.Array(ChatshareFileMessageSchema, { minItems: 1, maxItems: LIMITS.messagesPerConversation }),
});

export type ChatshareFileMessage = Static<typeof ChatshareFileMessageSchema>;

export interface ChatshareFile {
  format: typeof CHATSHARE_FILE_FORMAT;
  version: typeof CHATSHARE_FILE_VERSION;
  title: string;
  /** The link it was downloaded from. */
  url: string;
  /** When the link's snapshot was taken. */
  sharedAt: string;
  /** "Shared by": only when the owner chose to show their name. */
  sharedBy?: string;
  models: string[];
  messages: ChatshareFileMessage[];
}

/** A message as a reader sees it (the shared conversation presenter's messages). */
export interface ShownMessage {
  role: ChatshareFileMessage['role'];
  author?: string;
  createdAt?: string;
  status?: 'incomplete';
  model?: string;
  parts: Part[];
}

export interface ChatshareFileInput {
  title: string;
  url: string;
  sharedAt: string;
  sharedBy: string | null;
  models: readonly string[];
  messages: readonly ShownMessage[];
}

/** The document of a link's shown conversation; every field picked by name (positional ids stay out). */
export function toChatshareFile(input: ChatshareFileInput): ChatshareFile {
  return {
    format: CHATSHARE_FILE_FORMAT,
    version: CHATSHARE_FILE_VERSION,
    title: input.title,
    url: input.url,
    sharedAt: input.sharedAt,
    ...(input.sharedBy ? { sharedBy: input.sharedBy } : {}),
    models: [...input.models],
    messages: input.messages.map((message) => ({
      role: message.role,
      ...(message.author ? { author: message.author } : {}),
      ...(message.createdAt ? { createdAt: message.createdAt } : {}),
      ...(message.status === 'incomplete' ? { status: 'incomplete' as const } : {}),
      ...(message.model ? { model: message.model } : {}),
      parts: message.parts.map((part) => ({ ...part })),
    })),
  };
}

/**
 * What a view-limited link downloads instead: its views are used on its page only, so the file
 * says where to open it and holds not a word of the conversation. It does not import.
 */
export interface ChatshareRevealNote {
  format: typeof CHATSHARE_FILE_FORMAT;
  version: typeof CHATSHARE_FILE_VERSION;
  revealRequired: true;
  url: string;
  viewsLeft: number;
  note: string;
}

export const toRevealNote = (input: { url: string; viewsLeft: number; note: string }): ChatshareRevealNote => ({
  format: CHATSHARE_FILE_FORMAT,
  version: CHATSHARE_FILE_VERSION,
  revealRequired: true,
  url: input.url,
  viewsLeft: input.viewsLeft,
  note: input.note,
});
