/**
 * Readies one TypeBox schema for json-schema-to-typescript: named shapes inside it become
 * references to their names, and what the converter would read wrongly is rewritten.
 */

export type Json = Record<string, unknown>;

/** A type name and the doc comment it is declared with. */
export interface Named {
  name: string;
  description: string | undefined;
}

/** Keywords that document a schema without changing what it accepts. */
const ANNOTATIONS = new Set(['title', 'description', 'default']);

/** What makes two schemas the same shape: everything but the annotations at the top. */
export const shapeKey = (schema: object) =>
  JSON.stringify(Object.fromEntries(Object.entries(schema).filter(([key]) => !ANNOTATIONS.has(key))));

/** A schema's doc comment: its description, and its default where it has one. */
export function docOf(schema: Json): string | undefined {
  const parts = typeof schema.description === 'string' ? [schema.description] : [];
  if (schema.default !== undefined) {
    const value = typeof schema.default === 'string' ? schema.default : JSON.stringify(schema.default);
    parts.push(`Default \`${value}\`.`);
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** The named shapes by shape key; two names for one shape would make references ambiguous. */
export function indexNames(entries: [string, object][]): Map<string, Named> {
  const byKey = new Map<string, Named>();
  for (const [name, schema] of entries) {
    const key = shapeKey(schema);
    const other = byKey.get(key);
    if (other) throw new Error(`${name} and ${other.name} have the same shape: name only one of them`);
    byKey.set(key, { name, description: docOf(schema as Json) });
  }
  return byKey;
}

/** Keywords json-schema-to-typescript would read wrongly or that only clutter the output. */
const DROPPED = new Set([...ANNOTATIONS, 'minItems', 'maxItems']);
/** Keywords that say what a value is; a schema with none of them accepts anything. */
const TYPING = ['type', 'anyOf', 'enum', 'const', 'properties', 'items', 'tsType'];

/**
 * The schema as json-schema-to-typescript should see it: named shapes below the top become
 * references (`tsType`), a schema that accepts anything becomes `unknown` (a bare description
 * would otherwise be read as an object), and titles go so nothing else gets declared.
 */
export function prepare(schema: Json, names: Map<string, Named>, referenced: Set<string>, top: boolean): Json {
  const doc = docOf(schema);
  const named = top ? undefined : names.get(shapeKey(schema));
  if (named) {
    referenced.add(named.name);
    return { tsType: named.name, ...(doc !== undefined && doc !== named.description && { description: doc }) };
  }
  const prepared: Json = doc === undefined ? {} : { description: doc };
  const child = (value: unknown) => prepare(value as Json, names, referenced, false);
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    if (key === 'properties') {
      prepared.properties = Object.fromEntries(Object.entries(value as Json).map(([name, sub]) => [name, child(sub)]));
    } else if (key === 'anyOf') {
      prepared.anyOf = (value as unknown[]).map(child);
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      prepared[key] = child(value);
    } else {
      prepared[key] = value;
    }
  }
  if (!TYPING.some((key) => key in prepared)) prepared.tsType = 'unknown';
  return prepared;
}
