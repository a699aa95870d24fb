/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, a .cpuprofile JSON): self time by package, by
 * file and by function, and the inclusive time of chatshare's own functions (what each step of
 * the page path costs, callees included), top N of each, as percentages of the busy time (idle
 * left out: it is how long the process waited, not what it did).
 *
 * The server runs as the built bundle (packages/cli/dist), so its frames point into chunk files;
 * they are mapped back to their TypeScript sources through the bundle's source maps when
 * @jridgewell/trace-mapping can be loaded (it comes with the test tooling), and left as bundle
 * positions otherwise.
 * Usage: node --conditions=@chatshare/source --import tsx bench/viewer/profile-summary.ts <file.cpuprofile> [top] [from-ms] [to-ms]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface Frame {
  /** Function name and source position: one entry of "by function". */
  fn: string;
  file: string;
  pkg: string;
  /** chatshare's own code (packages/*), whose inclusive time is reported. */
  ours: boolean;
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const VM_ENTRIES = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

type Tracer = (
  file: string,
  frame: CallFrame,
) => { source: string; line: number; /** The function's name before minifying. */ name: string } | null;

/** How far before a function's reported position its name may stand (`function name(`, `name=async(`). */
const NAME_WINDOW = 120;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Maps a frame in a bundled file to its source through `<file>.map`. The bundle may be minified,
 * so V8's name for the function is the short one: each part of it (`rr.header` has two) is looked
 * up where it stands in the generated line, nearest before the function's position, and replaced
 * by the original name the map records for that identifier.
 */
async function sourceMapTracer(): Promise<Tracer> {
  const library = await import('@jridgewell/trace-mapping').catch(() => null);
  if (!library) return () => null;
  type Loaded = { map: InstanceType<typeof library.TraceMap>; lines: string[] };
  const loaded = new Map<string, Loaded | null>();
  const load = (file: string) => {
    if (!loaded.has(file)) {
      const map = `${file}.map`;
      loaded.set(
        file,
        existsSync(map) && existsSync(file)
          ? { map: new library.TraceMap(readFileSync(map, 'utf8'), map), lines: readFileSync(file, 'utf8').split('\n') }
          : null,
      );
    }
    return loaded.get(file) ?? null;
  };
  const originalName = ({ map, lines }: Loaded, frame: CallFrame) => {
    const text = lines[frame.lineNumber] ?? '';
    const segments = library.decodedMappings(map)[frame.lineNumber] ?? [];
    const from = Math.max(0, frame.columnNumber - NAME_WINDOW);
    return frame.functionName
      .split('.')
      .map((part) => {
        if (!/^[\w$]+$/.test(part)) return part;
        const pattern = new RegExp(`(?<![\\w$])${escapeRegExp(part)}(?![\\w$])`, 'g');
        let best: number | undefined;
        for (const match of text.slice(from, frame.columnNumber + part.length + 1).matchAll(pattern)) {
          best = from + match.index;
        }
        const segment = best === undefined ? undefined : segments.find((candidate) => candidate[0] === best);
        return segment && segment.length === 5 ? (map.names[segment[4]] ?? part) : part;
      })
      .join('.');
  };
  return (file, frame) => {
    const bundle = load(file);
    if (!bundle) return null;
    // V8 counts lines and columns from 0; source maps count lines from 1.
    const position = library.originalPositionFor(bundle.map, {
      line: frame.lineNumber + 1,
      column: frame.columnNumber,
    });
    if (!position.source) return null;
    const source = position.source.startsWith('file://') ? fileURLToPath(position.source) : position.source;
    const name = frame.functionName ? originalName(bundle, frame) : '';
    return { source: path.resolve(path.dirname(file), source), line: position.line ?? 0, name };
  };
}

function packageOf(relative: string): string {
  const modules = relative.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = relative.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const workspace = /^packages\/([^/]+)\//.exec(relative);
  return workspace ? `@chatshare/${workspace[1]}` : relative.split('/')[0]!;
}

function frameOf(callFrame: CallFrame, trace: Tracer): Frame {
  const name = callFrame.functionName || '(anonymous)';
  if (VM_ENTRIES.has(callFrame.functionName)) return { fn: name, file: name, pkg: name, ours: false };
  const { url } = callFrame;
  if (!url) return { fn: `${name} (native)`, file: '(native: V8 builtins, C++)', pkg: '(native)', ours: false };
  if (url.startsWith('node:')) {
    return { fn: `${name} ${url}:${callFrame.lineNumber + 1}`, file: url, pkg: 'node (core modules)', ours: false };
  }
  let file = url.startsWith('file://') ? fileURLToPath(url) : url;
  let line = callFrame.lineNumber + 1;
  let fn = name;
  const traced = trace(file, callFrame);
  if (traced) {
    file = traced.source;
    line = traced.line;
    fn = traced.name || name;
  }
  let relative = path.relative(REPO, file).split(path.sep).join('/');
  // A copy of the build outside the repository (snapshot.ts): named as its repository path.
  if (relative.startsWith('../')) relative = /(?:^|\/)((?:node_modules|packages)\/.*)$/.exec(relative)?.[1] ?? relative;
  // A bundle position with no source: esbuild's own helpers (e.g. `__name`, which keepNames calls
  // each time a named closure is created).
  const pkg =
    !traced && /(^|\/)packages\/cli\/dist\//.test(relative) ? '(bundle helpers, no source)' : packageOf(relative);
  return { fn: `${fn} ${relative}:${line}`, file: relative, pkg, ours: pkg.startsWith('@chatshare/') };
}

/** Rows of `label: share of busy time`, largest first. */
function top(totals: Map<string, number>, busy: number, count: number): string[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([label, time]) => `${((100 * time) / busy).toFixed(1).padStart(6)} %  ${label}`);
}

const add = (totals: Map<string, number>, key: string, time: number) => totals.set(key, (totals.get(key) ?? 0) + time);

/**
 * Only samples from `fromMs` to `toMs` after the profile's start count: the measured load,
 * without start-up, warm-up and shutdown.
 */
export async function summariseProfile(file: string, count = 25, fromMs = 0, toMs = Infinity): Promise<string> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const trace = await sourceMapTracer();
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const frames = new Map(profile.nodes.map((node) => [node.id, frameOf(node.callFrame, trace)]));

  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  // A sample stands for the time until the next one (how DevTools counts it).
  const { samples, timeDeltas } = profile;
  let elapsed = 0;
  let skipped = 0;
  for (let i = 0; i < samples.length; i++) {
    const time = timeDeltas[i + 1] ?? timeDeltas[i] ?? 0;
    elapsed += timeDeltas[i] ?? 0;
    if (elapsed < fromMs * 1000 || elapsed > toMs * 1000) {
      skipped += time;
      continue;
    }
    const frame = frames.get(samples[i]!)!;
    if (frame.fn === '(idle)') {
      idle += time;
      continue;
    }
    busy += time;
    add(byFunction, frame.fn, time);
    add(byFile, frame.file, time);
    add(byPackage, frame.pkg, time);
    // Inclusive: once per function on the sample's stack (recursion is not counted twice).
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parents.get(id)) {
      const onStack = frames.get(id)!;
      if (onStack.ours && !seen.has(onStack.fn)) {
        seen.add(onStack.fn);
        add(inclusive, onStack.fn, time);
      }
    }
  }
  const total = busy + idle;
  return [
    `${path.basename(file)}: ${(total / 1e6).toFixed(1)} s summarised (${(skipped / 1e6).toFixed(1)} s before and after the load left out), ` +
      `${((100 * busy) / total).toFixed(1)} % busy; shares below are of the busy time`,
    '',
    `self time by package (top ${count}):`,
    ...top(byPackage, busy, count),
    '',
    `self time by file (top ${count}):`,
    ...top(byFile, busy, count),
    '',
    `self time by function (top ${count}):`,
    ...top(byFunction, busy, count),
    '',
    `inclusive time of chatshare's functions (callees included, top ${count}):`,
    ...top(inclusive, busy, count),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [file, count, fromMs, toMs] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top] [from-ms] [to-ms]');
  console.log(await summariseProfile(file, Number(count ?? 25), Number(fromMs ?? 0), Number(toMs ?? Infinity)));
}
