/**
 * Reads a chatshare file (chatshare-file.ts, docs/formats.md §7) back into a conversation: the
 * shown branch as one chain, ids made here (`m1`, `m2`, …), the link's URL as the source id, so
 * importing the same download twice is recognised, and a later download of a link that grew
 * is "changed since import".
 */
import { Compile } from 'typebox/compile';
import { draftFromInput } from '../conversation.js';
import { LIMITS } from '../limits.js';
import type { Message } from '../model.js';
import { pointerToPath } from './chatshare.js';
import {
  CHATSHARE_FILE_VERSION,
  ChatshareFileSchema,
  isChatshareFile,
  type ChatshareFileMessage,
} from './chatshare-file.js';
import { ImportError } from './import-error.js';
import { asArray, isObject, type JsonObject } from './read-helpers.js';
import { describe } from './sanitize.js';
import type { Importer } from './types.js';

const checker = Compile(ChatshareFileSchema);

function checkVersion(input: JsonObject): void {
  if (!Object.hasOwn(input, 'version')) throw new ImportError('version', 'missing: a chatshare file says its version');
  const { version } = input;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new ImportError('version', 'must be a whole number');
  }
  if (version !== CHATSHARE_FILE_VERSION) {
    const reason =
      version > CHATSHARE_FILE_VERSION ? 'a newer chatshare wrote this file' : 'no chatshare wrote this version';
    throw new ImportError(
      'version',
      `version ${version} is not readable here (${reason}); this instance reads version ${CHATSHARE_FILE_VERSION}`,
    );
  }
}

/** The source id: the link the file came from, when it is one. */
function sourceIdOf(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > LIMITS.sourceIdLength || !/^https?:\/\//i.test(url)) return undefined;
  return url;
}

const PART_TYPES: ReadonlySet<unknown> = new Set([
  'text',
  'image',
  'code',
  'reasoning',
  'tool_call',
  'tool_result',
  'attachment',
]);

/** The schema checker's first complaint in words a person can act on. */
function explain(input: JsonObject, path: string, message: string): ImportError {
  const part = /^messages\[(\d+)\]\.parts\[(\d+)\]$/.exec(path);
  if (part) {
    const item = asArray(input.messages)[Number(part[1])];
    const value = isObject(item) ? asArray(item.parts)[Number(part[2])] : undefined;
    const type = isObject(value) && Object.hasOwn(value, 'type') ? value.type : undefined;
    if (!PART_TYPES.has(type)) return new ImportError(path, `unknown part type ${describe(type)}`);
  }
  const missing = /^must have required properties (\w+)$/.exec(message);
  if (missing) return new ImportError(path ? `${path}.${missing[1]}` : missing[1]!, 'missing');
  if (path === 'messages' && /fewer than 1/.test(message)) return new ImportError(path, 'the file holds no messages');
  if (message === 'schema is false') return new ImportError(path, 'is not a field of a chatshare file');
  if (/\.role$/.test(path)) return new ImportError(path, 'must be "user", "assistant" or "tool"');
  return new ImportError(path, message);
}

const toChain = (messages: readonly ChatshareFileMessage[]): Message[] =>
  messages.map((message, index) => ({
    id: `m${index + 1}`,
    parentId: index === 0 ? null : `m${index}`,
    role: message.role,
    ...(message.author !== undefined ? { author: message.author } : {}),
    parts: message.parts,
    ...(message.createdAt !== undefined ? { createdAt: message.createdAt } : {}),
    ...(message.status !== undefined ? { status: message.status } : {}),
    ...(message.model !== undefined ? { model: message.model } : {}),
  }));

export const chatshareFileImporter: Importer = {
  format: 'chatshare',
  label: 'chatshare file (a downloaded .json)',
  detect: isChatshareFile,
  read(input, { now }) {
    if (!isObject(input) || !isChatshareFile(input)) throw new ImportError('format', 'must be "chatshare"');
    checkVersion(input);
    if (Object.hasOwn(input, 'revealRequired') && input.revealRequired === true) {
      throw new ImportError(
        '',
        'the file holds no conversation: the link has limited views, so its download only says where to open it',
      );
    }
    if (!checker.Check(input)) {
      const [first] = checker.Errors(input);
      throw explain(input, pointerToPath(first?.instancePath ?? ''), first?.message ?? 'not a chatshare file');
    }
    const messages = toChain(input.messages);
    const sourceId = sourceIdOf(input.url);
    const draft = draftFromInput(
      {
        title: input.title,
        messages,
        currentLeafId: messages.at(-1)!.id,
        models: input.models ?? [],
        source: { format: 'chatshare', ...(sourceId ? { id: sourceId } : {}) },
      },
      'chatshare',
      now,
    );
    return { format: 'chatshare', conversations: [draft], skipped: [] };
  },
};
