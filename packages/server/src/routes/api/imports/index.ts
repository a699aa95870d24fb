import { errors, type ImportFormat } from '@chatshare/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../../../plugins/auth.js';
import { errorResponses } from '../common-schema.js';
import { boundaryProblem } from '../../../plugins/multipart-errors.js';
import { ImportQuery, ImportReportSchema } from './schema.js';
import { firstFile } from './first-file.js';
import { settleUnreadBody } from './unread-body.js';

export default async function importRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/imports',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Import a whole export file (multipart field `file`): one result per conversation',
        description:
          'Reads ChatGPT, Claude, Open WebUI, LibreChat and OpenAI exports (auto-detected). The file is read as a ' +
          'stream; conversations that cannot be read are listed in `skipped` with the path where reading failed. ' +
          'Conversations imported before are recognised by their source id (or their content) and handled as ' +
          '`onDuplicate` says. If the file as a whole is unreadable, nothing is imported and nothing changes.',
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 201: ImportReportSchema, ...errorResponses(400, 401, 413, 415) },
      },
      onSend: async (request, reply, payload) => {
        settleUnreadBody(request, reply);
        return payload;
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (!request.isMultipart())
        throw errors.unsupportedMediaType('Send the file as multipart/form-data in a field named "file".');
      const badBoundary = boundaryProblem(request.headers['content-type']);
      if (badBoundary) throw errors.invalidMultipart(badBoundary);
      const file = await firstFile(request);
      if (!file || file.fieldname !== 'file')
        throw errors.badRequest('Send the file in a multipart field named "file".');
      const tooLarge = () => errors.payloadTooLarge('The file is larger than this instance accepts (IMPORT_MAX_MB).');
      // A file cut off at the size limit fails at its end, before any stored conversation changes.
      const stream = file.file;
      const whole = async function* () {
        yield* stream;
        if (stream.truncated) throw tooLarge();
      };
      let report;
      try {
        report = await app.conversationService.importFile(user, whole(), {
          ...(request.query.format ? { format: request.query.format as ImportFormat } : {}),
          ...(request.query.onDuplicate ? { onDuplicate: request.query.onDuplicate } : {}),
        });
      } catch (error) {
        // A cut-off upload usually surfaces as broken JSON first: the size limit is the real reason.
        throw stream.truncated ? tooLarge() : error;
      }
      return reply.status(201).send(report);
    },
  );
}
