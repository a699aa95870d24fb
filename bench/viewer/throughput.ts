/**
 * Rows 1–3 of the table: the cached page under wrk -t1 -c50 against two baselines measured in
 * the same run — a bare Fastify route sending the very bytes chatshare sent (identity, and
 * compressed as chatshare compressed them for a browser's Accept-Encoding), and nginx sending
 * the identity bytes as a static file. Each target is warmed for 2 s, then measured twice in a
 * palindrome order (wrkPalindrome), so a drift in the machine's load hits figures and baselines alike.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../scripts/free-port.js';
import {
  BROWSER_ENCODINGS,
  BROWSER_UA,
  keepAliveClient,
  progress,
  ROOT,
  stopChild,
  waitFor,
  wrk,
  wrkPalindrome,
  type WrkResult,
} from './http.js';
import { startNginx } from './nginx.js';

export interface Throughput {
  identityBytes: number;
  compressedBytes: number;
  encoding: string;
  chatshare: WrkResult;
  bare: WrkResult;
  chatshareCompressed: WrkResult;
  bareCompressed: WrkResult;
  nginx: WrkResult;
}

/** A bare Fastify route (ceiling.ts) sending `file`, labelled with `encoding` when given. */
async function startCeiling(file: string, encoding?: string) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--conditions=@chatshare/source',
      '--import',
      'tsx',
      fileURLToPath(new URL('./ceiling.ts', import.meta.url)),
      String(port),
      file,
      ...(encoding ? [encoding] : []),
    ],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' }, stdio: 'inherit' },
  );
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(url, child);
  return { url, stop: () => stopChild(child) };
}

export async function measureThroughput(base: string, page: string, dir: string): Promise<Throughput> {
  const client = keepAliveClient();
  const identity = await client.get(`${base}${page}`, { 'user-agent': BROWSER_UA });
  const compressed = await client.get(`${base}${page}`, {
    'user-agent': BROWSER_UA,
    'accept-encoding': BROWSER_ENCODINGS,
  });
  client.close();
  const encoding = String(compressed.headers['content-encoding'] ?? 'identity');
  if (identity.status !== 200 || compressed.status !== 200) throw new Error(`the page answered ${identity.status}`);

  const www = path.join(dir, 'www');
  await mkdir(www, { recursive: true });
  await chmod(dir, 0o755);
  await chmod(www, 0o755);
  await writeFile(path.join(www, 'page.html'), identity.body, { mode: 0o644 });
  await writeFile(path.join(dir, 'page.compressed'), compressed.body);
  progress(
    `page: ${(identity.body.length / 1024).toFixed(1)} KB identity, ${(compressed.body.length / 1024).toFixed(1)} KB ${encoding} for "${BROWSER_ENCODINGS}"`,
  );

  const nginx = await startNginx(dir);
  const bare = await startCeiling(path.join(www, 'page.html'));
  const bareCompressed = await startCeiling(
    path.join(dir, 'page.compressed'),
    encoding === 'identity' ? undefined : encoding,
  );
  const browser = { 'Accept-Encoding': BROWSER_ENCODINGS };
  try {
    const targets = {
      nginx: { url: `${nginx.base}/page.html`, headers: {} },
      chatshare: { url: `${base}${page}`, headers: {} },
      bare: { url: bare.url, headers: {} },
      bareCompressed: { url: bareCompressed.url, headers: browser },
      chatshareCompressed: { url: `${base}${page}`, headers: browser },
    };
    for (const [name, { url, headers }] of Object.entries(targets)) {
      progress(`warm-up 2 s: ${name}`);
      await wrk(url, { duration: '2s', headers });
    }
    const results = await wrkPalindrome(targets, (name, result) =>
      progress(`wrk ${name}: ${result.perSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms`),
    );
    return { identityBytes: identity.body.length, compressedBytes: compressed.body.length, encoding, ...results };
  } finally {
    await bare.stop();
    await bareCompressed.stop();
    await nginx.stop().catch(() => undefined);
    progress('baselines stopped');
  }
}
