/** Our own JSON format (docs/formats.md §6): `{ title?, messages: Message[], currentLeafId?, models?, context? }`. */
import { Compile } from 'typebox/compile';
import { draftFromInput } from '../conversation.js';
import { isAppError } from '../errors.js';
import { ConversationInputSchema, type ConversationInput } from '../model.js';
import { isChatshareFile } from './chatshare-file.js';
import { ImportError } from './import-error.js';
import { asArray, isObject } from './read-helpers.js';
import type { Importer } from './types.js';

const checker = Compile(ConversationInputSchema);

/** `/messages/3/parts/0/text` -> `messages[3].parts[0].text` */
export const pointerToPath = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, key) => (/^\d+$/.test(key) ? `${path}[${key}]` : path ? `${path}.${key}` : key), '');

export const chatshareImporter: Importer = {
  format: 'chatshare',
  label: 'chatshare JSON',
  detect: (input) => {
    // A downloaded chatshare file has messages with parts too; its own importer reads it.
    if (!isObject(input) || isChatshareFile(input)) return false;
    const first = asArray(input.messages)[0];
    return isObject(first) && Array.isArray(first.parts);
  },
  read(input, { now }) {
    if (!checker.Check(input)) {
      const [first] = checker.Errors(input);
      throw new ImportError(pointerToPath(first?.instancePath ?? ''), first?.message ?? 'not a valid conversation');
    }
    try {
      return {
        format: 'chatshare',
        conversations: [draftFromInput(input as ConversationInput, 'chatshare', now)],
        skipped: [],
      };
    } catch (error) {
      if (isAppError(error)) throw new ImportError('', error.message);
      throw error;
    }
  },
};
