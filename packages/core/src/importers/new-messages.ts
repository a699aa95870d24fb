/**
 * Messages a client sends to an existing conversation (`POST /conversations/:id/messages`),
 * in either message format a conversation can be created from: ours (a Message without
 * `parentId`, `id` optional) or OpenAI's chat messages (`{ role, content, tool_calls?, name? }`).
 * One format per request, so a tool result can find the call it answers.
 */
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { errors } from '../errors.js';
import { LIMITS } from '../limits.js';
import { MessageSchema, PartSchema } from '../model.js';
import { pointerToPath } from './chatshare.js';
import { isImportError } from './import-error.js';
import { readMessages } from './openai.js';
import { isObject } from './read-helpers.js';

/** One new message in our own format: the tree position comes from the request. */
export const NewMessageSchema = Type.Object(
  {
    id: Type.Optional(MessageSchema.properties.id),
    role: MessageSchema.properties.role,
    author: MessageSchema.properties.author,
    parts: Type.Array(PartSchema, { minItems: 1, maxItems: LIMITS.partsPerMessage }),
    createdAt: MessageSchema.properties.createdAt,
    model: MessageSchema.properties.model,
    status: MessageSchema.properties.status,
  },
  { additionalProperties: false },
);
export type NewMessage = Static<typeof NewMessageSchema>;

const checker = Compile(NewMessageSchema);

/** Ours has `parts`; anything else with a role is read as an OpenAI chat message. */
const formatOf = (message: unknown) => (isObject(message) && Object.hasOwn(message, 'parts') ? 'chatshare' : 'openai');

/** `messages[2].content` -> `messages.2.content`, the notation of the API's other validation errors. */
const dotted = (path: string) => path.replace(/\[(\d+)\]/g, '.$1');

function invalid(path: string, message: string) {
  return errors.validation(`${path} ${message}`, { issues: [{ path, message }] });
}

/**
 * Reads the new messages, all or none: the first problem is a `validation_failed` error
 * whose path starts with `path`.
 *
 * @example readNewMessages([{ role: 'user', content: 'hi' }], 'body.messages')
 *   // -> [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }]
 */
export function readNewMessages(list: readonly unknown[], path = 'messages'): NewMessage[] {
  const format = formatOf(list[0]);
  const other = list.findIndex((message) => formatOf(message) !== format);
  if (other !== -1) {
    throw invalid(
      `${path}.${other}`,
      format === 'chatshare'
        ? 'has no parts: send every message as { role, parts } or every one as an OpenAI { role, content }'
        : 'has parts: send every message as { role, parts } or every one as an OpenAI { role, content }',
    );
  }
  if (format === 'chatshare') {
    list.forEach((message, index) => {
      if (checker.Check(message)) return;
      const [first] = checker.Errors(message);
      const at = pointerToPath(first?.instancePath ?? '');
      throw invalid(`${path}.${index}${at ? `.${dotted(at)}` : ''}`, first?.message ?? 'is not a valid message');
    });
    return list as NewMessage[];
  }
  let read;
  try {
    read = readMessages(list, path);
  } catch (error) {
    if (!isImportError(error)) throw error;
    const at = dotted(error.path);
    const reason = error.path ? error.message.slice(error.path.length + 2) : error.message;
    throw errors.validation(`${at}: ${reason}`, { issues: [{ path: at, message: reason }] });
  }
  return read.map(({ id: _id, parentId: _parentId, ...message }, index) => {
    if (message.parts.length === 0) throw invalid(`${path}.${index}`, 'has no content');
    return message;
  });
}
