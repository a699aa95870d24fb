/**
 * Arbitraries for the importer property tests: damaged copies of real samples and random
 * message graphs (with loops, dangling parents and odd text) in each format's shape.
 */
import fc from 'fast-check';
import { LIMITS } from '../src/limits.js';
import { isObject } from '../src/importers/read-helpers.js';

type Step = string | number;

/** Where a message's id and parent reference live in a format, so loops can be planted. */
export interface LinkFields {
  id: string;
  parent: string;
}

export type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'huge'; at: number }
  | { kind: 'surrogate'; at: number }
  | { kind: 'naughty'; at: number; text: string }
  | { kind: 'rename'; at: number; key: string }
  | { kind: 'loop'; a: number; b: number };

/** Text that includes lone surrogates, private-use citation marks and markup fragments. */
export const oddText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 12 }),
  fc
    .array(
      fc.constantFrom(
        '<details type="reasoning">',
        '<details type="tool_calls" name="t" arguments="{&quot;a&quot;:1}" result="&#x110000;&amp;">',
        '<details type="code_interpreter" output="{}">```py\nx\n```',
        '</details>',
        '<summary>s</summary>',
        '\ue200cite\ue202turn0search1\ue201',
        '\ue200entity\ue202["x","Name"]\ue201',
        '\ud800',
        'text ',
        '&lt;&#0;',
      ),
      { maxLength: 8 },
    )
    .map((pieces) => pieces.join('')),
);

export function mutationArb(naughty: readonly string[]): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at }),
    fc.record({ kind: fc.constant('replace' as const), at, value: fc.jsonValue({ maxDepth: 2 }) }),
    fc.record({ kind: fc.constant('huge' as const), at }),
    fc.record({ kind: fc.constant('surrogate' as const), at }),
    fc.record({ kind: fc.constant('naughty' as const), at, text: fc.constantFrom(...naughty) }),
    fc.record({ kind: fc.constant('rename' as const), at, key: fc.oneof(oddText, fc.constant('__proto__')) }),
    fc.record({ kind: fc.constant('loop' as const), a: fc.nat(), b: fc.nat() }),
  );
}

/** Every place in a JSON value (paths to values below the root), breadth first. */
function places(root: unknown, max = 20_000): Step[][] {
  const found: Step[][] = [];
  const queue: { value: unknown; path: Step[] }[] = [{ value: root, path: [] }];
  while (queue.length > 0 && found.length < max) {
    const { value, path } = queue.shift()!;
    const entries: [Step, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : isObject(value)
        ? Object.entries(value)
        : [];
    for (const [key, item] of entries) {
      found.push([...path, key]);
      queue.push({ value: item, path: [...path, key] });
    }
  }
  return found;
}

/** The container of `path` and the last step, if the path still exists. */
function locate(
  root: unknown,
  path: Step[],
): { container: Record<string, unknown> | unknown[]; step: Step } | undefined {
  let cursor = root;
  for (const step of path.slice(0, -1)) {
    if (Array.isArray(cursor) && typeof step === 'number') cursor = cursor[step];
    else if (isObject(cursor) && typeof step === 'string' && Object.hasOwn(cursor, step)) cursor = cursor[step];
    else return undefined;
  }
  const step = path.at(-1)!;
  if (Array.isArray(cursor) && typeof step === 'number' && step < cursor.length) return { container: cursor, step };
  if (isObject(cursor) && typeof step === 'string' && Object.hasOwn(cursor, step)) return { container: cursor, step };
  return undefined;
}

function objectsWith(root: unknown, field: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...value);
    else if (isObject(value)) {
      if (typeof value[field] === 'string') found.push(value);
      stack.push(...Object.values(value));
    }
  }
  return found;
}

const HUGE = 'x'.repeat(LIMITS.partTextLength + 10);

/** A damaged copy of `sample`; the sample itself is never changed. */
export function mutate(sample: unknown, mutations: readonly Mutation[], link: LinkFields): unknown {
  const copy: unknown = structuredClone(sample);
  const spots = places(copy);
  for (const mutation of mutations) {
    if (mutation.kind === 'loop') {
      const linkable = objectsWith(copy, link.id);
      if (linkable.length === 0) continue;
      const a = linkable[mutation.a % linkable.length]!;
      const b = linkable[mutation.b % linkable.length]!;
      a[link.parent] = b[link.id];
      b[link.parent] = a[link.id];
      continue;
    }
    if (spots.length === 0) continue;
    const spot = locate(copy, spots[mutation.at % spots.length]!);
    if (!spot) continue;
    const { container, step } = spot;
    const current: unknown = Array.isArray(container) ? container[step as number] : container[step as string];
    const set = (value: unknown) => {
      if (Array.isArray(container)) container[step as number] = value;
      else Object.defineProperty(container, step, { value, enumerable: true, writable: true, configurable: true });
    };
    switch (mutation.kind) {
      case 'delete':
        if (Array.isArray(container)) container.splice(step as number, 1);
        else delete container[step as string];
        break;
      case 'replace':
        set(mutation.value);
        break;
      case 'huge':
        set(typeof current === 'string' ? current + HUGE : HUGE);
        break;
      case 'surrogate':
        set(typeof current === 'string' ? `\udc00${current}\ud800` : '\ud800');
        break;
      case 'naughty':
        set(mutation.text);
        break;
      case 'rename':
        if (!Array.isArray(container)) {
          delete container[step as string];
          Object.defineProperty(container, mutation.key, {
            value: current,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        break;
    }
  }
  return copy;
}

/** A random message graph: ids from a small pool so parents often dangle, repeat or loop. */
export interface GraphNode {
  id: string;
  parent: string | null;
  role: string;
  text: string;
}

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

export const graphArb = fc.record({
  title: fc.oneof(fc.constant(undefined), oddText),
  current: fc.option(fc.constantFrom(...ids, 'zz'), { nil: undefined }),
  nodes: fc.array(
    fc.record({
      id: fc.constantFrom(...ids),
      parent: fc.option(fc.constantFrom(...ids, 'missing'), { nil: null }),
      role: fc.constantFrom('user', 'assistant', 'system', 'tool', 'human', 'robot'),
      text: oddText,
    }),
    { maxLength: 10 },
  ),
});

export type Graph = typeof graphArb extends fc.Arbitrary<infer T> ? T : never;
