/**
 * bench/viewer: throughput of a cached share page against nginx serving the same HTML as a
 * static file, in the same run (wrk -t1 -c50 -d10s against each), and the cold render time
 * of a 200-message conversation with code. Needs Debian's nginx and wrk.
 * Usage: node --conditions=@chatshare/source --import tsx bench/viewer/run.ts
 */
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureCliBuilt } from '../../packages/cli/build/ensure-build.js';
import { benchConversation } from './conversation.js';
import { freePort } from '../../scripts/free-port.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const NGINX_PORT = 58080;
const DURATION = process.env.BENCH_DURATION ?? '10s';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

async function waitFor(url: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

/** Signs up, creates a token, the conversation and an unlisted share; returns the page path. */
async function shareConversation(base: string, messages: number): Promise<string> {
  const json = { 'content-type': 'application/json' };
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'bench@example.com', password: 'a long bench password' }),
  });
  const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
  const token = (await (
    await fetch(`${base}/api/v1/tokens`, {
      method: 'POST',
      headers: { ...json, cookie, origin: base },
      body: JSON.stringify({ name: 'bench' }),
    })
  ).json()) as { token: string };
  const auth = { ...json, authorization: `Bearer ${token.token}` };
  const conversation = (await (
    await fetch(`${base}/api/v1/conversations`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(benchConversation(messages)),
    })
  ).json()) as { id: string };
  const share = (await (
    await fetch(`${base}/api/v1/shares`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ conversationId: conversation.id, privacy: 'unlisted' }),
    })
  ).json()) as { shortCode: string };
  return `/s/${share.shortCode}`;
}

async function wrk(url: string) {
  const { stdout } = await run('wrk', ['-t1', '-c50', `-d${DURATION}`, '-H', `User-Agent: ${BROWSER}`, url]);
  const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  const latency = /Latency\s+(\S+)/.exec(stdout)?.[1] ?? '?';
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1];
  if (errors) throw new Error(`${url}: ${errors} error responses\n${stdout}`);
  return { perSecond, latency };
}

function nginxConfig(dir: string) {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  default_type text/html;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${NGINX_PORT};
    root ${dir}/www;
  }
}
`;
}

const dir = await mkdtemp(path.join(tmpdir(), 'chatshare-bench-viewer-'));
await chmod(dir, 0o755);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// The built command, as production runs it.
await ensureCliBuilt();
const server = spawn(process.execPath, ['packages/cli/bin/chatshare.js', 'serve'], {
  cwd: root,
  env: {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    DATA_DIR: path.join(dir, 'data'),
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const nginxArgs = ['-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')];
let nginxStarted = false;
try {
  await waitFor(`${base}/healthz`);
  const page = await shareConversation(base, 50);
  const html = Buffer.from(await (await fetch(`${base}${page}`, { headers: { 'user-agent': BROWSER } })).arrayBuffer());
  await mkdir(path.join(dir, 'www'), { recursive: true });
  await chmod(path.join(dir, 'www'), 0o755);
  await writeFile(path.join(dir, 'www', 'page.html'), html, { mode: 0o644 });
  await writeFile(path.join(dir, 'nginx.conf'), nginxConfig(dir));
  await run('nginx', nginxArgs);
  nginxStarted = true;
  await waitFor(`http://127.0.0.1:${NGINX_PORT}/page.html`);

  console.log(`50-message page: ${(html.length / 1024).toFixed(1)} KB; wrk -t1 -c50 -d${DURATION} against each`);
  // A short warm-up of each, then the measured runs.
  await run('wrk', ['-t1', '-c50', '-d2s', `${base}${page}`]);
  await run('wrk', ['-t1', '-c50', '-d2s', `http://127.0.0.1:${NGINX_PORT}/page.html`]);
  const chatshare = await wrk(`${base}${page}`);
  const nginx = await wrk(`http://127.0.0.1:${NGINX_PORT}/page.html`);
  const ratio = chatshare.perSecond / nginx.perSecond;
  console.log(`chatshare (cached page): ${chatshare.perSecond.toFixed(0)} req/s, latency ${chatshare.latency}`);
  console.log(`nginx (static file):     ${nginx.perSecond.toFixed(0)} req/s, latency ${nginx.latency}`);
  console.log(`ratio ${ratio.toFixed(2)} (goal ≥ 0.6: ${ratio >= 0.6 ? 'met' : 'NOT met'})`);

  // What any Node server could reach here: the same bytes from a bare Fastify route.
  const ceilingPort = await freePort();
  const ceiling = spawn(
    process.execPath,
    [
      '--conditions=@chatshare/source',
      '--import',
      'tsx',
      fileURLToPath(new URL('./ceiling.ts', import.meta.url)),
      String(ceilingPort),
      path.join(dir, 'www', 'page.html'),
    ],
    { cwd: root, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' }, stdio: 'inherit' },
  );
  try {
    await waitFor(`http://127.0.0.1:${ceilingPort}/`);
    await run('wrk', ['-t1', '-c50', '-d2s', `http://127.0.0.1:${ceilingPort}/`]);
    const bare = await wrk(`http://127.0.0.1:${ceilingPort}/`);
    console.log(
      `bare Fastify, same bytes:  ${bare.perSecond.toFixed(0)} req/s (${(bare.perSecond / nginx.perSecond).toFixed(2)} of nginx)`,
    );
  } finally {
    ceiling.kill('SIGTERM');
  }

  const { stdout } = await run(process.execPath, [
    '--conditions=@chatshare/source',
    '--import',
    'tsx',
    fileURLToPath(new URL('./cold-render.ts', import.meta.url)),
    '200',
    '60',
  ]);
  const cold = JSON.parse(stdout.trim()) as { p50: number; p90: number };
  console.log(
    `cold render, 200 messages with code: p50 ${cold.p50} ms, p90 ${cold.p90} ms (goal ≤ 5 ms p50: ${cold.p50 <= 5 ? 'met' : 'NOT met'})`,
  );
} finally {
  if (nginxStarted) await run('nginx', [...nginxArgs, '-s', 'quit']).catch(() => undefined);
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await rm(dir, { recursive: true, force: true });
}
