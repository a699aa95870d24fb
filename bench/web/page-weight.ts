/**
 * bench/web: the bytes of the owner app's first load, as a browser gets them from the server:
 * /app/'s HTML, then every script and stylesheet it names (and the modules those scripts import
 * statically), each fetched raw, with gzip and with brotli.
 * Usage: node --conditions=@chatshare/source --import tsx bench/web/page-weight.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuilt } from '../../packages/web/build/ensure-build.js';
import { buildApp } from '../../packages/server/src/app.js';
import { loadConfig } from '../../packages/server/src/env.js';

async function size(url: string, encoding: string): Promise<number> {
  const response = await fetch(url, { headers: { 'accept-encoding': encoding } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  // fetch would decompress the body; the bytes on the wire are what counts.
  const length = response.headers.get('content-length');
  if (length !== null) return Number(length);
  return (await response.arrayBuffer()).byteLength;
}

/** Paths of the assets a page or module loads at once (not dynamic `import()`s). */
function firstLoadAssets(text: string, kind: 'html' | 'js'): string[] {
  if (kind === 'html') {
    return [...text.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="(\/app\/assets\/[^"]+\.(?:js|css))"/g)].map(
      (match) => match[1]!,
    );
  }
  // Static imports between chunks in Vite's output: `from"./x.js"` / `import"./x.js"`.
  return [...text.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)].map((match) => `/app/assets/${match[1]}`);
}

async function main() {
  await ensureBuilt({ log: (line) => console.error(line) });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-bench-web-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' });
  const app = await buildApp({ config, logger: false });
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const html = await (await fetch(`${address}/app/`)).text();
    const queue = firstLoadAssets(html, 'html');
    const seen = new Set<string>();
    const rows: { path: string; raw: number; gzip: number; br: number }[] = [];
    rows.push({
      path: '/app/',
      raw: await size(`${address}/app/`, 'identity'),
      gzip: await size(`${address}/app/`, 'gzip'),
      br: await size(`${address}/app/`, 'br'),
    });
    while (queue.length > 0) {
      const asset = queue.shift()!;
      if (seen.has(asset)) continue;
      seen.add(asset);
      const url = `${address}${asset}`;
      if (asset.endsWith('.js')) queue.push(...firstLoadAssets(await (await fetch(url)).text(), 'js'));
      rows.push({
        path: asset,
        raw: await size(url, 'identity'),
        gzip: await size(url, 'gzip'),
        br: await size(url, 'br'),
      });
    }
    const total = rows.reduce(
      (sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip, br: sum.br + row.br }),
      { raw: 0, gzip: 0, br: 0 },
    );
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    console.log('| file | raw | gzip | brotli |');
    console.log('| --- | --- | --- | --- |');
    for (const row of rows) console.log(`| ${row.path} | ${kb(row.raw)} | ${kb(row.gzip)} | ${kb(row.br)} |`);
    console.log(`| total (${rows.length} files) | ${kb(total.raw)} | ${kb(total.gzip)} | ${kb(total.br)} |`);
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
