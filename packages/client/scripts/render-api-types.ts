/**
 * Renders src/api-types.ts from the schemas named in api-schemas.ts. Each named schema goes
 * through json-schema-to-typescript on its own, after every named shape inside it has been
 * replaced by a reference to its name; the result is formatted with the repository's Prettier
 * settings, so the committed file and a fresh rendering compare equal.
 */
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import prettier from 'prettier';
import type { TSchema } from 'typebox';
import { API_TYPES, CORE_TYPES } from './api-schemas.js';
import { basesOf, isObjectSchema, withoutBases, type ObjectSchema } from './field-groups.js';
import { indexNames, prepare, type Json, type Named } from './prepare-schema.js';

export const API_TYPES_FILE = fileURLToPath(new URL('../src/api-types.ts', import.meta.url));

const HEADER = `/**
 * Request and response shapes of the REST API (\`/api/v1\`), generated from the server's route
 * schemas by packages/client/scripts/generate-types.ts: do not edit. After changing a schema, run
 * \`npm run generate -w @chatshare/client\`; test/api-types.test.ts fails until this file matches.
 */`;

/** The types declared in the generated file, each with its schema. */
const namedTypes = () => API_TYPES.flatMap(({ types }) => Object.entries(types));

async function declare(name: string, schema: TSchema, names: Map<string, Named>, referenced: Set<string>) {
  const bases = isObjectSchema(schema) ? basesOf(name, schema, namedTypes()) : [];
  const own = bases.length > 0 ? withoutBases(schema as ObjectSchema, bases) : (schema as Json);
  let prepared = prepare(own, names, referenced, true);
  if (bases.length > 0) {
    const { description, ...rest } = prepared;
    const parts = [
      ...bases.map(([base]) => ({ tsType: base })),
      ...(Object.keys(own.properties as Json).length > 0 ? [rest] : []),
    ];
    prepared = { ...(description !== undefined && { description }), allOf: parts };
  }
  const text = await compile({ ...prepared, title: name } as JSONSchema, name, {
    bannerComment: '',
    format: false,
    // An object that leaves `additionalProperties` out gets no index signature: the API sends the listed keys.
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    declareExternallyReferenced: false,
  });
  return oneLineComments(text);
}

/** Short doc comments on one line, as the rest of the code base writes them. */
const oneLineComments = (text: string) =>
  text.replace(/\/\*\*\n(\s*)\* ([^\n]*)\n\s*\*\//g, (comment: string, indent: string, line: string) =>
    indent.length + line.length <= 100 ? `/** ${line} */` : comment,
  );

const sectionLine = (section: string) => `// --- ${section} `.padEnd(100, '-');

/** The text of src/api-types.ts as the current schemas make it. */
export async function renderApiTypes(): Promise<string> {
  const names = indexNames([...namedTypes(), ...Object.entries(CORE_TYPES)]);
  const referenced = new Set<string>();
  const sections: string[] = [];
  for (const { section, types } of API_TYPES) {
    const declarations: string[] = [];
    for (const [name, schema] of Object.entries(types))
      declarations.push(await declare(name, schema, names, referenced));
    sections.push(`${sectionLine(section)}\n\n${declarations.join('\n')}`);
  }
  const fromCore = Object.keys(CORE_TYPES).filter((name) => referenced.has(name));
  const imports =
    fromCore.length > 0 ? `import type { ${fromCore.sort().join(', ')} } from '@chatshare/core';\n\n` : '';
  const text = `${HEADER}\n${imports}${sections.join('\n')}`;
  const config = await prettier.resolveConfig(API_TYPES_FILE);
  return prettier.format(text, { ...config, filepath: API_TYPES_FILE });
}
