/**
 * GET /metrics through real requests: closed without METRICS_TOKEN, refused without the right
 * bearer token, and counting what the app did (routes by pattern, the page cache, 429s by
 * limiter, the view buffer) in a registry of its own. The METRICS_PORT listener is started
 * the way start.ts does and read over loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env.js';
import { buildTestApp, DIALECT, TEST_REDIS_URL, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const bearer = { authorization: `Bearer ${TOKEN}` };

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The sum of the samples named `name` whose labels include `labels` (0 when there is none). */
const total = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);

async function scrape(t: TestApp): Promise<{ text: string; samples: Sample[] }> {
  const response = await call(t.app, 'GET', '/metrics', { headers: bearer });
  expect(response.statusCode).toBe(200);
  return { text: response.body, samples: parse(response.body) };
}

let t: TestApp;
let owner: TestUser;
let code: string;
beforeAll(async () => {
  t = await buildTestApp(
    { metricsToken: TOKEN },
    {
      rateLimits: { auth: { max: 10_000, windowMs: 60_000 }, unlock: { max: 2, windowMs: 60_000 } },
      // The flush-failure test waits for the app's own timer.
      viewFlushIntervalMs: 200,
    },
  );
  owner = await signUp(t.app);
  const { id } = await createConversation(t.app, owner);
  code = (await createShare(t.app, owner, { conversationId: id })).shortCode;
});
afterAll(() => t.close());

describe('who may read /metrics', () => {
  it('is a 404 when neither METRICS_TOKEN nor METRICS_PORT is set', async () => {
    const closed = await buildTestApp();
    try {
      expect((await call(closed.app, 'GET', '/metrics')).statusCode).toBe(404);
      // There the token is just an unknown API token.
      const withToken = await call(closed.app, 'GET', '/metrics', { headers: bearer });
      expect(withToken.statusCode).toBe(401);
      expect(withToken.json().error.code).toBe('invalid_api_token');
    } finally {
      await closed.close();
    }
  });

  it('refuses a request without the token, with a wrong one or without the Bearer scheme: 401 and WWW-Authenticate', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789abcd' },
      { authorization: TOKEN },
      { authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of attempts) {
      const refused = await call(t.app, 'GET', '/metrics', { headers });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(refused.json().error.code).toBe('unauthenticated');
      expect(refused.body).not.toContain('chatshare_');
    }
    // An owner's API token opens the API, not the metrics.
    expect((await call(t.app, 'GET', '/metrics', { auth: owner.bearer })).statusCode).toBe(401);
  });

  it('answers the right token in the Prometheus text format', async () => {
    const response = await call(t.app, 'GET', '/metrics', { headers: bearer });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('# TYPE chatshare_http_requests_total counter');
    expect(response.body).toContain('# TYPE chatshare_http_request_duration_seconds histogram');
    // Process metrics come along once metrics are exposed.
    expect(response.body).toContain('process_cpu_user_seconds_total');
  });

  it('rejects a short METRICS_TOKEN and a METRICS_PORT equal to PORT at boot', () => {
    const env = { DATA_DIR: t.config.dataDir, SESSION_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig({ ...env, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16/);
    expect(() => loadConfig({ ...env, PORT: '4000', METRICS_PORT: '4000' })).toThrow(/METRICS_PORT must differ/);
    expect(() => loadConfig({ ...env, METRICS_PORT: 'nine' })).toThrow(/METRICS_PORT must be a whole number/);
    expect(loadConfig({ ...env, METRICS_PORT: '9464', METRICS_TOKEN: TOKEN })).toMatchObject({
      metricsPort: 9464,
      metricsToken: TOKEN,
    });
    expect(loadConfig(env)).toMatchObject({ metricsPort: null, metricsToken: null });
  });
});

describe('what /metrics counts', () => {
  it('counts requests by route pattern and status, with their latency', async () => {
    const before = (await scrape(t)).samples;
    const route = { method: 'GET', route: '/api/v1/shared/:code' };
    for (let i = 0; i < 3; i++) expect((await call(t.app, 'GET', `/api/v1/shared/${code}`)).statusCode).toBe(200);
    expect((await call(t.app, 'GET', '/api/v1/shared/NOSUCHCODE01')).statusCode).toBe(404);
    expect((await call(t.app, 'GET', '/no/such/path')).statusCode).toBe(404);
    const after = (await scrape(t)).samples;
    const requests = (samples: Sample[], labels: Record<string, string>) =>
      total(samples, 'chatshare_http_requests_total', labels);
    expect(requests(after, { ...route, status_code: '200' }) - requests(before, { ...route, status_code: '200' })).toBe(
      3,
    );
    expect(requests(after, { ...route, status_code: '404' }) - requests(before, { ...route, status_code: '404' })).toBe(
      1,
    );
    // A path no route matches is one label, whatever the path was.
    expect(requests(after, { route: 'unmatched', status_code: '404' })).toBeGreaterThanOrEqual(1);
    const observed = (samples: Sample[]) => total(samples, 'chatshare_http_request_duration_seconds_count', route);
    expect(observed(after) - observed(before)).toBe(4);
    expect(total(after, 'chatshare_http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBe(
      observed(after),
    );
  });

  it('counts a page served from memory as a hit, and where a page not in memory came from', async () => {
    const { id } = await createConversation(t.app, owner);
    const fresh = (await createShare(t.app, owner, { conversationId: id })).shortCode;
    const lookups = (samples: Sample[], cache: string, result: string) =>
      total(samples, 'chatshare_page_cache_lookups_total', { cache, result });
    const fromStore = (samples: Sample[], cache: string, result: string) =>
      total(samples, 'chatshare_page_store_lookups_total', { cache, result });
    const before = (await scrape(t)).samples;
    // Drawn when the link was made: its first views are hits already.
    for (let i = 0; i < 3; i++) expect((await call(t.app, 'GET', `/s/${fresh}`)).statusCode).toBe(200);
    const after = (await scrape(t)).samples;
    expect(lookups(after, 'share', 'miss') - lookups(before, 'share', 'miss')).toBe(0);
    expect(lookups(after, 'share', 'hit') - lookups(before, 'share', 'hit')).toBe(3);
    expect(total(after, 'chatshare_page_cache_entries', { cache: 'share' })).toBeGreaterThanOrEqual(1);

    // The embed is drawn on its first request (then stored), and kept in memory.
    expect((await call(t.app, 'GET', `/embed/${fresh}`)).statusCode).toBe(200);
    expect((await call(t.app, 'GET', `/embed/${fresh}`)).statusCode).toBe(200);
    const embed = (await scrape(t)).samples;
    expect(lookups(embed, 'embed', 'miss') - lookups(after, 'embed', 'miss')).toBe(1);
    expect(lookups(embed, 'embed', 'hit') - lookups(after, 'embed', 'hit')).toBe(1);
    expect(fromStore(embed, 'embed', 'drawn') - fromStore(after, 'embed', 'drawn')).toBe(1);
    expect(fromStore(embed, 'embed', 'found') - fromStore(after, 'embed', 'found')).toBe(0);
  });

  it('counts 429s by the limiter that refused them', async () => {
    const { id } = await createConversation(t.app, owner);
    const locked = (await createShare(t.app, owner, { conversationId: id, password: 'open sesame' })).shortCode;
    const refusals = (samples: Sample[], limiter: string) =>
      total(samples, 'chatshare_rate_limited_total', { limiter });
    const before = (await scrape(t)).samples;
    const attempt = () => call(t.app, 'POST', `/s/${locked}/unlock`, { body: { password: 'wrong' }, ip: '10.9.9.9' });
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(429);
    expect((await attempt()).statusCode).toBe(429);
    const after = (await scrape(t)).samples;
    expect(refusals(after, 'unlock') - refusals(before, 'unlock')).toBe(2);
    expect(refusals(after, 'shareMiss')).toBe(refusals(before, 'shareMiss'));
    const unlockRoute = { method: 'POST', route: '/s/:code/unlock', status_code: '429' };
    expect(
      total(after, 'chatshare_http_requests_total', unlockRoute) -
        total(before, 'chatshare_http_requests_total', unlockRoute),
    ).toBe(2);
  });

  it('counts refusals of the miss limit under shareMiss', async () => {
    const limited = await buildTestApp(
      { metricsToken: TOKEN },
      { rateLimits: { shareMiss: { max: 2, windowMs: 60_000 } } },
    );
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await call(limited.app, 'GET', `/s/NOSUCHCODE${i}0`, { ip: '10.8.8.8' })).statusCode);
      }
      expect(statuses).toEqual([404, 404, 429, 429]);
      const { samples } = await scrape(limited);
      expect(total(samples, 'chatshare_rate_limited_total', { limiter: 'shareMiss' })).toBe(2);
    } finally {
      await limited.close();
    }
  });

  it('never puts a short code in a label, only route patterns', async () => {
    const paths = [`/s/${code}`, `/s/${code}.md`, `/s/${code}/og.png`, `/embed/${code}`, `/api/v1/shared/${code}`];
    paths.push(`/oembed?url=${encodeURIComponent(`http://localhost:3000/s/${code}`)}&format=json`);
    paths.push('/s/SECRETGUESS1', '/s/SECRETGUESS2.md', '/embed/SECRETGUESS3', '/s/SECRETGUESS4/whatever/else');
    for (const path of paths) await call(t.app, 'GET', path);
    const { text, samples } = await scrape(t);
    expect(text).not.toContain(code);
    expect(text).not.toContain('SECRETGUESS');
    const routes = new Set(samples.flatMap((s) => (s.labels.route === undefined ? [] : [s.labels.route])));
    expect(routes).toContain('/s/:code');
    expect(routes).toContain('/s/:code.md');
    expect(routes).toContain('/embed/:code');
    for (const route of routes) expect(route === 'unmatched' || route.startsWith('/')).toBe(true);
  });

  it('shows views waiting to be written, and counts flushes that fail', async () => {
    const { shares } = t.app.repos;
    const flushViews = shares.flushViews.bind(shares);
    // The database refuses every write of view counts while this is in place.
    shares.flushViews = () => Promise.reject(new Error('the database is away'));
    try {
      const { id } = await createConversation(t.app, owner);
      const viewed = (await createShare(t.app, owner, { conversationId: id })).shortCode;
      const failures = (await scrape(t)).samples;
      expect((await call(t.app, 'GET', `/s/${viewed}`)).statusCode).toBe(200);
      expect((await call(t.app, 'GET', `/s/${viewed}`)).statusCode).toBe(200);
      // The flush timer runs every 200 ms here; wait for it to fail at least once.
      let samples = (await scrape(t)).samples;
      for (
        let i = 0;
        i < 50 &&
        total(samples, 'chatshare_view_flush_failures_total') ===
          total(failures, 'chatshare_view_flush_failures_total');
        i++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        samples = (await scrape(t)).samples;
      }
      expect(total(samples, 'chatshare_view_flush_failures_total')).toBeGreaterThan(
        total(failures, 'chatshare_view_flush_failures_total'),
      );
      const pending = (of: Sample[]) => total(of, 'chatshare_view_buffer_pending_views');
      expect(pending(samples) - pending(failures)).toBe(2);
    } finally {
      shares.flushViews = flushViews;
    }
    await shares.flushViews();
    expect(total((await scrape(t)).samples, 'chatshare_view_buffer_pending_views')).toBe(0);
  });

  it('shows the database pool on PostgreSQL and Redis when it is configured', async () => {
    const { samples } = await scrape(t);
    const names = new Set(samples.map((s) => s.name));
    if (DIALECT === 'postgres') {
      expect(total(samples, 'chatshare_db_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(names).toContain('chatshare_db_pool_idle_connections');
      expect(names).toContain('chatshare_db_pool_waiting_queries');
    } else {
      expect(names).not.toContain('chatshare_db_pool_connections');
    }
    if (TEST_REDIS_URL) expect(total(samples, 'chatshare_redis_up')).toBe(1);
    else expect(names).not.toContain('chatshare_redis_up');
  });

  it('keeps each app its own counts', async () => {
    const other = await buildTestApp({ metricsToken: TOKEN });
    try {
      const requests = (samples: Sample[]) =>
        total(samples, 'chatshare_http_requests_total', { route: '/healthz', status_code: '200' });
      const mine = requests((await scrape(t)).samples);
      for (let i = 0; i < 3; i++) await call(other.app, 'GET', '/healthz');
      expect(requests((await scrape(other)).samples)).toBe(3);
      expect(requests((await scrape(t)).samples)).toBe(mine);
    } finally {
      await other.close();
    }
  });
});

describe('the METRICS_PORT listener', () => {
  it('serves /metrics on 127.0.0.1 only, asks for the token when one is set, and nothing else', async () => {
    const { address, port } = await t.app.listenMetrics(0);
    expect(address).toBe('127.0.0.1');
    const base = `http://127.0.0.1:${port}`;
    await call(t.app, 'GET', '/healthz');
    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    const response = await fetch(`${base}/metrics`, { headers: bearer });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(total(parse(await response.text()), 'chatshare_http_requests_total', { route: '/healthz' })).toBeGreaterThan(
      0,
    );
    expect((await fetch(`${base}/healthz`)).status).toBe(404);
    expect((await fetch(`${base}/s/${code}`)).status).toBe(404);
  });

  it('needs no token on an instance that has none (loopback only)', async () => {
    const portOnly = await buildTestApp();
    let url = '';
    try {
      const { port } = await portOnly.app.listenMetrics(0);
      url = `http://127.0.0.1:${port}/metrics`;
      // A kept-alive connection, as a scraper holds one.
      const response = await fetch(url, { headers: { connection: 'keep-alive' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('chatshare_http_requests_total');
      // The main port still has no /metrics.
      expect((await call(portOnly.app, 'GET', '/metrics')).statusCode).toBe(404);
    } finally {
      await portOnly.close();
    }
    // Closing the app closed its metrics listener.
    await expect(fetch(url)).rejects.toThrow();
  });
});
