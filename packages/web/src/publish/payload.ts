/**
 * Reads what another site posted to the /publish page. The message is hostile input: every
 * field is checked and copied by name, so nothing but a conversation in the public snapshot
 * shape reaches the preview (the server checks it again, through the chatshare importer).
 */
import { LIMITS, type Part } from '@chatshare/core';
import type { ViewMessage } from '@chatshare/react';

export interface ReceivedMessage extends ViewMessage {
  parentId: string | null;
  role: 'user' | 'assistant' | 'tool';
}

/** The conversation as posted: `{ format: 1, title, models, messages }`. */
export interface ReceivedConversation {
  format: 1;
  title: string;
  models: string[];
  messages: ReceivedMessage[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max: number = LIMITS.partTextLength): value is string =>
  typeof value === 'string' && value.length <= max;
const optionalText = (value: unknown, max?: number) => value === undefined || isText(value, max);

function readPart(value: unknown): Part | null {
  if (!isObject(value)) return null;
  switch (value.type) {
    case 'text':
    case 'reasoning':
      return isText(value.text) ? { type: value.type, text: value.text } : null;
    case 'code':
      if (!isText(value.text) || !optionalText(value.language, 50)) return null;
      return { type: 'code', text: value.text, ...(value.language ? { language: value.language as string } : {}) };
    case 'image':
      if (!isText(value.src) || !optionalText(value.alt, 1000)) return null;
      return { type: 'image', src: value.src, ...(value.alt !== undefined ? { alt: value.alt as string } : {}) };
    case 'tool_call':
      return isText(value.name, 200) ? { type: 'tool_call', name: value.name, input: value.input } : null;
    case 'tool_result':
      if (!isText(value.output) || !optionalText(value.name, 200)) return null;
      return { type: 'tool_result', output: value.output, ...(value.name ? { name: value.name as string } : {}) };
    case 'attachment':
      if (!isText(value.name, 500) || !optionalText(value.mediaType, 200)) return null;
      return {
        type: 'attachment',
        name: value.name,
        ...(value.mediaType ? { mediaType: value.mediaType as string } : {}),
      };
    default:
      return null;
  }
}

const ROLES = new Set(['user', 'assistant', 'tool']);

function readMessage(value: unknown): ReceivedMessage | null {
  if (!isObject(value) || !isText(value.id, LIMITS.messageIdLength) || value.id === '') return null;
  if (value.parentId !== null && !isText(value.parentId, LIMITS.messageIdLength)) return null;
  if (typeof value.role !== 'string' || !ROLES.has(value.role)) return null;
  if (!Array.isArray(value.parts) || value.parts.length > LIMITS.partsPerMessage) return null;
  if (!optionalText(value.author, LIMITS.authorLength) || !optionalText(value.createdAt, 40)) return null;
  if (!optionalText(value.model, LIMITS.modelNameLength)) return null;
  const parts = value.parts.map(readPart);
  if (parts.some((part) => part === null)) return null;
  return {
    id: value.id,
    parentId: value.parentId as string | null,
    role: value.role as ReceivedMessage['role'],
    parts: parts as Part[],
    ...(value.author ? { author: value.author as string } : {}),
    ...(value.createdAt ? { createdAt: value.createdAt as string } : {}),
    ...(value.status === 'incomplete' ? { status: 'incomplete' as const } : {}),
    ...(value.model ? { model: value.model as string } : {}),
  };
}

const readModels = (value: unknown): string[] | null =>
  Array.isArray(value) &&
  value.length <= LIMITS.modelsPerConversation &&
  value.every((model) => isText(model, LIMITS.modelNameLength))
    ? [...(value as string[])]
    : null;

/**
 * The conversation of a `{ type: 'chatshare:publish', conversation, models }` message, or
 * `null` when it is not one that can be shown and published.
 */
export function readPayload(data: unknown): ReceivedConversation | null {
  if (!isObject(data) || !isObject(data.conversation)) return null;
  const { conversation } = data;
  if (conversation.format !== 1 || !isText(conversation.title, LIMITS.titleLength)) return null;
  if (!Array.isArray(conversation.messages)) return null;
  const count = conversation.messages.length;
  if (count === 0 || count > LIMITS.messagesPerConversation) return null;
  const messages = conversation.messages.map(readMessage);
  if (messages.some((message) => message === null)) return null;
  const models = readModels(data.models ?? conversation.models ?? []);
  if (!models) return null;
  return { format: 1, title: conversation.title, models, messages: messages as ReceivedMessage[] };
}
