import { IMPORT_FORMATS } from '@chatshare/core';
import { Type } from 'typebox';

export const ImportQuery = Type.Object({
  format: Type.Optional(
    Type.Union(
      IMPORT_FORMATS.map((format) => Type.Literal(format)),
      { description: 'Skip auto-detection and read the file in this format.' },
    ),
  ),
});

export const ImportReportSchema = Type.Object(
  {
    format: Type.Union([Type.String(), Type.Null()]),
    imported: Type.Array(
      Type.Object({ index: Type.Integer(), id: Type.String(), title: Type.String(), messageCount: Type.Integer() }),
    ),
    skipped: Type.Array(
      Type.Object({
        index: Type.Integer({ description: 'Position of the conversation in the file.' }),
        path: Type.String({ description: 'Where in the file reading failed, e.g. `[3].mapping.abc.message`.' }),
        title: Type.Optional(Type.String()),
        reason: Type.String(),
      }),
    ),
  },
  { title: 'ImportReport' },
);
