/**
 * One place that turns every failure into `{ error: { code, message } }` with the right
 * status. Client mistakes are 4xx with a stable code; only real faults are 500, and those
 * never echo internals.
 */
import { AppError, errors, isAppError, type ErrorBody } from '@chatshare/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { multipartError } from './multipart-errors.js';
import { storageFullError } from '../db/storage-full.js';
import { isDatabaseUnavailable, sendDatabaseUnavailable } from '../db/unavailable.js';

const FRAMEWORK_ERRORS: Record<string, () => AppError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => errors.payloadTooLarge(),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => errors.unsupportedMediaType(),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => errors.invalidJson('The request body is empty.'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => errors.invalidJson(),
  FST_REQ_FILE_TOO_LARGE: () => errors.payloadTooLarge('The file is larger than this instance accepts.'),
  // @fastify/multipart's limits (app.ts): an import is one file with at most a few fields.
  FST_FILES_LIMIT: () => errors.payloadTooLarge('The form holds more than one file: send one file at a time.'),
  FST_FIELDS_LIMIT: () =>
    errors.payloadTooLarge('The form holds more fields than an import takes: send the file alone.'),
  FST_PARTS_LIMIT: () => errors.payloadTooLarge('The form holds more parts than an import takes: send the file alone.'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => errors.badRequest('The Content-Length header is wrong.'),
};

function toAppError(error: FastifyError): AppError | undefined {
  if (isAppError(error)) return error;
  if (error.validation) {
    const first = error.validation[0];
    // One path notation everywhere: `body.settings.title`, as in the message.
    const pathOf = (pointer: string) => `${error.validationContext ?? 'body'}${pointer.replace(/\//g, '.')}`;
    return errors.validation(`${pathOf(first?.instancePath ?? '')} ${first?.message ?? 'is not valid'}`, {
      issues: error.validation.map((issue) => ({ path: pathOf(issue.instancePath), message: issue.message })),
    });
  }
  const known = error.code && Object.hasOwn(FRAMEWORK_ERRORS, error.code) ? FRAMEWORK_ERRORS[error.code] : undefined;
  if (known) return known();
  const multipart = multipartError(error);
  if (multipart) return multipart;
  if (error instanceof SyntaxError && error.statusCode === 400) return errors.invalidJson();
  if (error.statusCode === 429) return errors.rateLimited();
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(error.statusCode, 'bad_request', error.message);
  }
  return undefined;
}

export default fp(
  async function errorHandling(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      // An error is about this request only: no browser or proxy may keep it, nor anything a
      // route said about a page before it failed.
      reply.header('cache-control', 'private, no-store').removeHeader('etag');
      if (isDatabaseUnavailable(error)) return sendDatabaseUnavailable(error, request, reply);
      const appError = storageFullError(error, request.log) ?? toAppError(error);
      if (!appError) {
        request.log.error({ err: error }, 'unhandled error');
        const body: ErrorBody = { error: { code: 'internal_error', message: 'Something went wrong on our side.' } };
        return reply.status(500).send(body);
      }
      const body: ErrorBody = {
        error: {
          code: appError.code,
          message: appError.message,
          ...(appError.details !== undefined ? { details: appError.details } : {}),
        },
      };
      return reply.status(appError.status).send(body);
    });

    app.setNotFoundHandler((request, reply) => {
      const body: ErrorBody = {
        error: { code: 'route_not_found', message: `No route ${request.method} ${request.url}.` },
      };
      return reply.status(404).send(body);
    });
  },
  { name: 'errors' },
);
