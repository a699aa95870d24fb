/**
 * Two real `chatshare serve` processes on one PostgreSQL and one Redis, behind a real nginx
 * running deploy/nginx.conf, with TRUST_PROXY=1 as compose.yaml sets it: whatever one instance
 * does, the other sees at its next request, and view counts add up exactly across both.
 * Needs PostgreSQL 15, Redis and nginx (Debian packages); skipped without them,
 * except in CI, where their absence fails.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePorts,
  missingForCluster,
  startInstance,
  startNginx,
  startServices,
  type Instance,
  type Proxy,
  type Services,
} from './cluster.js';

const missing = missingForCluster();
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const PASSWORD = 'correct horse battery staple';
const VIEWS = 2_000;

let services: Services;
let a: Instance;
let b: Instance;
let proxy: Proxy;
let token: string;

/** A JSON request to `base`, signed in with the API token. */
const api = (base: string, method: string, url: string, body?: unknown) =>
  fetch(`${base}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'user-agent': BROWSER,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A conversation and a link to it, made on `base`. */
async function share(base: string, settings: Record<string, unknown> = {}) {
  const conversation = await api(base, 'POST', '/api/v1/conversations', [
    { role: 'user', content: 'Which instance answers?' },
    { role: 'assistant', content: 'Any of them.' },
  ]);
  expect(conversation.status).toBe(201);
  const { id } = (await conversation.json()) as { id: string };
  const created = await api(base, 'POST', '/api/v1/shares', { conversationId: id, privacy: 'unlisted', ...settings });
  expect(created.status).toBe(201);
  const body = (await created.json()) as { shortCode: string; settings: { id: string } };
  return { code: body.shortCode, id: body.settings.id };
}

/** An anonymous reader's request (no token, a browser's User-Agent). */
const read = (base: string, url: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${url}`, { headers: { 'user-agent': BROWSER, ...headers }, redirect: 'manual' });

const unlock = (base: string, code: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/s/${code}/unlock`, {
    method: 'POST',
    headers: { 'user-agent': BROWSER, origin: proxy.base, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ password }),
  });

describe.skipIf(missing.length > 0 && process.env.CI !== 'true')('two instances behind nginx', () => {
  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`missing for the two-instance test: ${missing.join(', ')}`);
    services = await startServices();
    // The instances' links point at nginx, so its port is chosen first.
    const [nginxPort, portA, portB] = (await freePorts(3)) as [number, number, number];
    const publicUrl = `http://127.0.0.1:${nginxPort}`;
    const env = {
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      PUBLIC_URL: publicUrl,
      TRUST_PROXY: '1',
      LOG_LEVEL: 'warn',
    };
    // Both start at once on an empty database, as `docker compose up` starts them.
    const started = await Promise.allSettled([startInstance(portA, env), startInstance(portB, env)]);
    const [first, second] = started.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
    // afterAll stops whichever did start.
    a = first!;
    b = second!;
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    proxy = await startNginx(nginxPort, [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]);

    const signup = await fetch(`${a.base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'cluster@example.com', password: PASSWORD }),
    });
    expect(signup.status).toBe(201);
    const cookie = signup.headers
      .getSetCookie()
      .find((line) => line.startsWith('cs_session='))!
      .split(';')[0]!;
    const created = await fetch(`${b.base}/api/v1/tokens`, {
      method: 'POST',
      headers: { cookie, origin: publicUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cluster' }),
    });
    expect(created.status).toBe(201);
    token = ((await created.json()) as { token: string }).token;
  }, 60_000);

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    await services?.stop();
  }, 30_000);

  it('serves a link made on A from B at once, as page and as JSON', async () => {
    const { code } = await share(a.base);
    const shared = await read(b.base, `/api/v1/shared/${code}`);
    expect(shared.status).toBe(200);
    expect(((await shared.json()) as { messages: unknown[] }).messages).toHaveLength(2);
    const page = await read(b.base, `/s/${code}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Any of them.');
  });

  it('answers 404 on B at the next request after a revoke on A', async () => {
    const { code, id } = await share(a.base);
    // B has served it, so anything it keeps about the link is warm.
    for (const url of [`/s/${code}`, `/api/v1/shared/${code}`]) expect((await read(b.base, url)).status).toBe(200);
    expect((await api(a.base, 'DELETE', `/api/v1/shares/${id}`)).status).toBe(200);
    for (const url of [`/s/${code}`, `/api/v1/shared/${code}`]) expect((await read(b.base, url)).status).toBe(404);
    // And through nginx, whichever instance answers.
    for (let i = 0; i < 4; i++) expect((await read(proxy.base, `/api/v1/shared/${code}`)).status).toBe(404);
  });

  it('counts password attempts once for both instances, and nginx clients cannot reset them', async () => {
    const { code } = await share(a.base, { password: 'the right one' });
    // The limit is 10 per link and address; alternating, each instance has seen only 5.
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await unlock(attempt % 2 === 0 ? a.base : b.base, code, `wrong ${attempt}`);
      expect(response.status).toBe(401);
    }
    expect((await unlock(a.base, code, 'the right one')).status).toBe(429);
    expect((await unlock(b.base, code, 'the right one')).status).toBe(429);
    // Through nginx with an address of the client's choosing: with TRUST_PROXY=1 the instance
    // takes the entry nginx appended (this machine), so the limit still holds.
    for (let attempt = 0; attempt < 2; attempt++) {
      const spoofed = await unlock(proxy.base, code, 'the right one', {
        'x-forwarded-for': `198.51.100.${attempt + 1}`,
      });
      expect(spoofed.status).toBe(429);
    }
  });

  it('accepts on B the unlock cookie A set', async () => {
    const { code } = await share(a.base, { password: 'open sesame please' });
    expect((await read(b.base, `/api/v1/shared/${code}`)).status).toBe(401);
    const unlocked = await unlock(a.base, code, 'open sesame please');
    expect(unlocked.status).toBe(200);
    const cookie = unlocked.headers
      .getSetCookie()
      .map((line) => line.split(';')[0]!)
      .join('; ');
    expect(cookie).not.toBe('');
    const onB = await read(b.base, `/api/v1/shared/${code}`, { cookie });
    expect(onB.status).toBe(200);
    expect((await read(b.base, `/s/${code}`, { cookie })).status).toBe(200);
  });

  it(`counts exactly ${VIEWS} views over both instances once both have stopped`, async () => {
    const { code, id } = await share(a.base);
    const before = (await proxy.upstreams()).length;
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < VIEWS) {
          next += 1;
          const response = await read(proxy.base, `/api/v1/shared/${code}`);
          await response.arrayBuffer();
          statuses.push(response.status);
        }
      }),
    );
    expect(statuses).toHaveLength(VIEWS);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const served = (await proxy.upstreams()).slice(before);
    const byA = served.filter((upstream) => upstream === `127.0.0.1:${a.port}`).length;
    const byB = served.filter((upstream) => upstream === `127.0.0.1:${b.port}`).length;
    expect(byA + byB).toBe(VIEWS);
    expect(Math.min(byA, byB)).toBeGreaterThan(VIEWS / 4);

    // Each instance holds the views it has not written yet: a graceful stop writes them.
    const [codeA, codeB] = await Promise.all([a.stop(), b.stop()]);
    expect({ codeA, codeB }).toEqual({ codeA: 0, codeB: 0 });
    const client = new pg.Client({ connectionString: services.databaseUrl });
    await client.connect();
    try {
      const shares = await client.query('select view_count from shares where id = $1', [id]);
      expect(Number(shares.rows[0].view_count)).toBe(VIEWS);
      const daily = await client.query('select sum(views) as views from share_daily_views where share_id = $1', [id]);
      expect(Number(daily.rows[0].views)).toBe(VIEWS);
    } finally {
      await client.end();
    }
  }, 45_000);
});
