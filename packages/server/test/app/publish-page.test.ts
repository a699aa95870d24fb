/**
 * /publish: the community publish page from a build folder (a stand-in, so no Vite build is
 * needed), with the app's CSP and, unlike /app's pages, no opener policy that would cut it off
 * from the tab that opened it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import appRoutes, { APP_CSP } from '../../src/routes/app/index.js';
import publishRoutes from '../../src/routes/publish/index.js';

let root: string;
const PAGE = '<!doctype html><title>Publish</title><script type="module" src="/app/assets/publish-abc.js"></script>';

async function serve(folder: string): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });
  await server.register(publishRoutes, { root: folder });
  await server.register(appRoutes, { prefix: '/app', root: folder });
  return server;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'chatshare-publish-'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>chatshare</title>');
  await writeFile(path.join(root, 'publish.html'), PAGE);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the publish page', () => {
  it('is served at /publish with the strict CSP, no framing, and no opener policy', async () => {
    const app = await serve(root);
    const response = await app.inject({ method: 'GET', url: '/publish' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toBe(PAGE);
    expect(response.headers['content-security-policy']).toBe(APP_CSP);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(response.headers).not.toHaveProperty('cross-origin-opener-policy');
    await app.close();
  });

  it('lets the owner app open it without losing its opener: /app allows popups to keep theirs', async () => {
    const app = await serve(root);
    const response = await app.inject({ method: 'GET', url: '/app/' });
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
    await app.close();
  });

  it('says how to build the app when there is no build', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'chatshare-publish-empty-'));
    const app = await serve(empty);
    const response = await app.inject({ method: 'GET', url: '/publish' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build:web');
    await app.close();
    await rm(empty, { recursive: true, force: true });
  });
});
