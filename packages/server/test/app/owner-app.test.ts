/**
 * /app: the owner app's files from a build folder (a small stand-in here, so these tests need
 * no Vite build), with the caching, compression, fallback and CSP the app relies on.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import appRoutes, { APP_CSP } from '../../src/routes/app/index.js';

let root: string;
let app: FastifyInstance;
const INDEX = '<!doctype html><title>chatshare</title><script type="module" src="/app/assets/main-abc123.js"></script>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;

async function serve(folder: string): Promise<FastifyInstance> {
  const server = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
  await server.register(appRoutes, { prefix: '/app', root: folder });
  return server;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'chatshare-app-'));
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'index.html'), INDEX);
  await writeFile(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(root, '.build-stamp.json'), '{"inputs":"x"}');
  await writeFile(path.join(root, 'assets/main-abc123.js'), SCRIPT);
  await writeFile(path.join(root, 'assets/main-abc123.js.gz'), gzipSync(SCRIPT));
  await writeFile(path.join(root, 'assets/main-abc123.js.br'), brotliCompressSync(SCRIPT));
  app = await serve(root);
});
afterAll(async () => {
  await app.close();
  await rm(root, { recursive: true, force: true });
});

describe('the owner app under /app', () => {
  it('answers every page of the app with index.html, revalidated, under a strict CSP', async () => {
    for (const url of ['/app', '/app/', '/app/links', '/app/conversations/abc?x=1', '/app/signin?next=/s/abc']) {
      const response = await app.inject({ method: 'GET', url });
      expect([url, response.statusCode]).toEqual([url, 200]);
      expect(response.body).toBe(INDEX);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toBe(APP_CSP);
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).toContain("connect-src 'self'");
    expect(APP_CSP).not.toContain('unsafe-inline');
  });

  it('caches hashed assets for a year and sends the compressed copy the browser accepts', async () => {
    const url = '/app/assets/main-abc123.js';
    const brotli = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    const gzip = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    const favicon = await app.inject({ method: 'GET', url: '/app/favicon.svg' });
    expect(favicon.headers['cache-control']).toBe('no-cache');
  });

  it('keeps a missing asset a 404, hides dotfiles, and serves only GET and HEAD', async () => {
    const missing = await app.inject({ method: 'GET', url: '/app/assets/main-old999.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('<!doctype');
    expect((await app.inject({ method: 'GET', url: '/app/.build-stamp.json' })).body).not.toContain('inputs');
    expect((await app.inject({ method: 'POST', url: '/app/links' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'HEAD', url: '/app/links' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/app/../package.json' })).body).not.toContain('"name"');
  });

  it('says how to build the app when there is no build', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'chatshare-app-empty-'));
    const bare = await serve(empty);
    try {
      const response = await bare.inject({ method: 'GET', url: '/app/links' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build:web');
      expect(response.headers['content-security-policy']).toBe(APP_CSP);
    } finally {
      await bare.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
