/**
 * Request validation with two Ajv instances: bodies are strict (no type coercion, unknown
 * fields rejected rather than silently dropped), query strings and params coerce strings
 * to numbers and booleans as URLs need.
 */
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const base: Options = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false };

function makeAjv(options: Options) {
  const ajv = new Ajv({ ...base, ...options });
  addFormats.default(ajv, ['email', 'date-time', 'uri', 'uuid']);
  return ajv;
}

export default fp(
  async function validation(app: FastifyInstance) {
    const strict = makeAjv({ coerceTypes: false });
    const lenient = makeAjv({ coerceTypes: 'array' });
    app.setValidatorCompiler(({ schema, httpPart }) =>
      (httpPart === 'body' ? strict : lenient).compile(schema as object),
    );
  },
  { name: 'validation' },
);
