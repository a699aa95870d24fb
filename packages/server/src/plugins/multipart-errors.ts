/**
 * Malformed multipart bodies as `400 invalid_multipart`. The parser (busboy, under
 * @fastify/multipart) reports them as plain Errors without a code, so they are told apart by
 * message; the plugin's own codes for a broken body are mapped too.
 */
import { errors, type AppError } from '@chatshare/core';

const PARSER_MESSAGES: readonly RegExp[] = [
  /^Multipart: Boundary not found$/,
  /^Boundary required$/,
  /^Unexpected end of (multipart data|form)$/,
  /terminated early due to unexpected end of multipart data$/,
  /^Malformed part header$/,
  /^The needle (cannot be an empty String\/Buffer|cannot have a length bigger than \d+)\.$/,
];

const PLUGIN_CODES = new Map<string, string>([
  ['FST_MP_PREMATURE_CLOSE', 'The multipart body ended before its last part was complete.'],
  ['FST_PROTO_VIOLATION', 'A form field may not be named like a prototype property.'],
  ['FST_INVALID_JSON_FIELD_ERROR', 'A form field declared as JSON is not valid JSON.'],
]);

/** The client-facing error for a multipart parser failure, or undefined for anything else. */
export function multipartError(error: unknown): AppError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    const message = PLUGIN_CODES.get(code);
    return message === undefined ? undefined : errors.invalidMultipart(message);
  }
  if (PARSER_MESSAGES.some((pattern) => pattern.test(error.message))) {
    return errors.invalidMultipart(`The multipart body is malformed (${error.message}).`);
  }
  return undefined;
}

/** RFC 2046: a boundary is 1 to 70 characters. */
const MAX_BOUNDARY = 70;

/**
 * Why a multipart Content-Type cannot be parsed (no boundary, an empty or overlong one), or
 * undefined when its boundary is usable. Checked before the parser sees the body, which would
 * otherwise accept an empty boundary or fail on a long one as a fault of ours.
 */
export function boundaryProblem(contentType: string | undefined): string | undefined {
  const params = (contentType ?? '').split(';').slice(1);
  const param = params.map((item) => item.trim()).find((item) => /^boundary\s*=/i.test(item));
  if (param === undefined) return 'The multipart Content-Type has no boundary.';
  let value = param.slice(param.indexOf('=') + 1).trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  if (value === '') return 'The multipart boundary is empty.';
  if (value.length > MAX_BOUNDARY) return `The multipart boundary is longer than ${MAX_BOUNDARY} characters.`;
  return undefined;
}
