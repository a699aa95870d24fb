/**
 * bench/import: generates a ChatGPT export of about 100 MB (or BENCH_IMPORT_MB) and imports it
 * into SQLite in a separate process, printing the time and the peak RSS against the goals
 * (≤ 10 s, ≤ 300 MB). Usage: node --conditions=@chatshare/source --import tsx bench/import/run.ts
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateChatGptExport } from './generate.js';

const megabytes = Number(process.env.BENCH_IMPORT_MB ?? 100);
const dir = await mkdtemp(path.join(tmpdir(), 'chatshare-bench-'));
const file = path.join(dir, 'conversations.json');
console.log(`generating a ${megabytes} MB ChatGPT export…`);
const generated = await generateChatGptExport(file, megabytes * 1024 * 1024);
console.log(`  ${generated.conversations} conversations, ${(generated.bytes / 1024 / 1024).toFixed(1)} MB`);
console.log('importing into SQLite (separate process)…');
const child = execFile(
  process.execPath,
  [
    '--conditions=@chatshare/source',
    '--import',
    'tsx',
    fileURLToPath(new URL('./import-file.ts', import.meta.url)),
    file,
  ],
  {
    maxBuffer: 1 << 20,
  },
);
child.stderr?.pipe(process.stderr);
const { stdout } = await promisify((callback: (error: Error | null, result: { stdout: string }) => void) => {
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.on('exit', (code) =>
    code === 0 ? callback(null, { stdout: out }) : callback(new Error(`import exited ${code}`), { stdout: out }),
  );
})();
const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
  imported: number;
  messages: number;
  seconds: number;
  peakRssMB: number;
};
await rm(dir, { recursive: true, force: true });
const rate = generated.bytes / 1024 / 1024 / result.seconds;
console.log(
  `\nimported ${result.imported} conversations (${result.messages} messages) from ${(generated.bytes / 1024 / 1024).toFixed(1)} MB` +
    ` in ${result.seconds} s (${rate.toFixed(1)} MB/s), peak RSS ${result.peakRssMB} MB` +
    `\ngoal ≤ 10 s: ${result.seconds <= 10 ? 'met' : 'NOT met'}; goal ≤ 300 MB: ${result.peakRssMB <= 300 ? 'met' : 'NOT met'}`,
);
