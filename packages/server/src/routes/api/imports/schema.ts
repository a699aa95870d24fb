import { IMPORT_FORMATS, ON_DUPLICATE } from '@chatshare/core';
import { Type } from 'typebox';

/** `skip`, `update` or `copy` (core `ON_DUPLICATE`), described for the route that takes it. */
export const onDuplicateSchema = (description: string) =>
  Type.Union(
    ON_DUPLICATE.map((choice) => Type.Literal(choice)),
    { description },
  );

/**
 * The query of a route that reads a foreign format: `format` skips detection, `onDuplicate`
 * (described for the route) says what to do with a conversation imported before.
 */
export const importQuerySchema = (input: 'body' | 'file', onDuplicate: string) =>
  Type.Object({
    format: Type.Optional(
      Type.Union(
        IMPORT_FORMATS.map((format) => Type.Literal(format)),
        { description: `Skip auto-detection and read the ${input} in this format.` },
      ),
    ),
    onDuplicate: Type.Optional(onDuplicateSchema(onDuplicate)),
  });

export const ImportQuery = importQuerySchema(
  'file',
  'A conversation imported before (same source id, or same content when the source has none): `skip` it ' +
    '(default; reported with code `already_imported`, or `changed_since_import` when it went on at the ' +
    'source), `update` one that changed (its messages are replaced; id, title and links stay), or `copy` ' +
    '(store it again as a new conversation).',
);

const ImportedItem = Type.Object({
  index: Type.Integer({ description: 'Position of the conversation in the file.' }),
  id: Type.String(),
  title: Type.String(),
  messageCount: Type.Integer({ description: 'Messages of the shown branch, system messages not counted.' }),
  branchCount: Type.Integer(),
});

export const ImportReportSchema = Type.Object(
  {
    format: Type.Union([Type.String(), Type.Null()], {
      description: 'The format the file was read as; null when nothing in it was recognised.',
    }),
    imported: Type.Array(ImportedItem),
    updated: Type.Array(ImportedItem, {
      description: 'Conversations imported before whose messages this file replaced (`onDuplicate=update`).',
    }),
    skipped: Type.Array(
      Type.Object({
        index: Type.Integer({ description: 'Position of the conversation in the file.' }),
        path: Type.String({ description: 'Where in the file reading failed, e.g. `[3].mapping.abc.message`.' }),
        title: Type.Optional(Type.String()),
        reason: Type.String(),
        code: Type.Optional(
          Type.Union([Type.Literal('already_imported'), Type.Literal('changed_since_import')], {
            description: 'Set when the conversation was imported before.',
          }),
        ),
        conversationId: Type.Optional(Type.String({ description: 'The stored conversation it was imported as.' })),
      }),
    ),
  },
  { title: 'ImportReport', description: 'What an import did with each conversation of a file.' },
);
