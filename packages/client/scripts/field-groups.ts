/**
 * Finds the named object types whose fields a schema repeats (a request body made of the
 * settings fields and the snapshot fields, say), so it can be written as their intersection.
 */
import type { TSchema } from 'typebox';
import { shapeKey, type Json } from './prepare-schema.js';

export type ObjectSchema = Json & { properties: Record<string, Json>; required?: string[] };

export const isObjectSchema = (schema: object): schema is ObjectSchema =>
  (schema as Json).type === 'object' && typeof (schema as Json).properties === 'object';

/** Whether `base` has at least two properties and `schema` has each of them, alike and as required. */
function contains(schema: ObjectSchema, base: ObjectSchema): boolean {
  const keys = Object.keys(base.properties);
  const required = (of: ObjectSchema, key: string) => of.required?.includes(key) ?? false;
  return (
    keys.length >= 2 &&
    keys.every(
      (key) =>
        schema.properties[key] !== undefined &&
        shapeKey(schema.properties[key]) === shapeKey(base.properties[key]!) &&
        required(schema, key) === required(base, key),
    )
  );
}

/**
 * The named object types whose properties `schema` repeats, largest first and not overlapping,
 * so a body made of shared field groups is written as their intersection (`A & B & { … }`).
 */
export function basesOf(name: string, schema: ObjectSchema, named: [string, TSchema][]): [string, ObjectSchema][] {
  const candidates = named
    .filter((entry): entry is [string, ObjectSchema] => entry[0] !== name && isObjectSchema(entry[1]))
    .filter(([, base]) => contains(schema, base))
    .sort(([, a], [, b]) => Object.keys(b.properties).length - Object.keys(a.properties).length);
  const taken = new Set<string>();
  return candidates.filter(([, base]) => {
    const keys = Object.keys(base.properties);
    if (keys.some((key) => taken.has(key))) return false;
    for (const key of keys) taken.add(key);
    return true;
  });
}

/** `schema` less the properties its bases declare, as a schema of its own. */
export function withoutBases(schema: ObjectSchema, bases: [string, ObjectSchema][]): ObjectSchema {
  const inherited = new Set(bases.flatMap(([, base]) => Object.keys(base.properties)));
  const properties = Object.fromEntries(Object.entries(schema.properties).filter(([key]) => !inherited.has(key)));
  const required = schema.required?.filter((key) => !inherited.has(key));
  return { ...schema, properties, ...(required && { required }) };
}
