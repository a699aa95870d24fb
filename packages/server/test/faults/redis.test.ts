/**
 * Redis going away (docs/design.md §Security): it holds only rate-limit counters, so pages, creates and
 * sign-in go on at once with per-instance limits, /readyz says "degraded" without waiting,
 * the outage is logged once, and limits are shared again when Redis is back.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConversation, call, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { HAS_REDIS, shouldRun, startRedis, type RedisService } from '../helpers/services.js';

const MISS_LIMIT = 3;
/** A hang detector, not a benchmark: each request must be answered well before a Redis timeout of seconds. */
const QUICK_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Log lines an app wrote, as parsed pino records. */
function logBook() {
  const lines: { level: number; msg: string }[] = [];
  return {
    lines,
    stream: { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) },
  };
}

describe.skipIf(!shouldRun(HAS_REDIS))('Redis outages', () => {
  let redis: RedisService;
  const apps: TestApp[] = [];
  const logs = [logBook(), logBook()];
  let owner: TestUser;
  let code: string;
  let conversationId: string;

  beforeAll(async () => {
    redis = await startRedis();
    const prefix = `chatshare-fault:${randomBytes(6).toString('hex')}:`;
    for (const log of logs) {
      apps.push(
        await buildTestApp(
          { redisUrl: redis.url, logLevel: 'info' },
          {
            redisKeyPrefix: prefix,
            logStream: log.stream,
            rateLimits: {
              auth: { max: 10_000, windowMs: 60_000 },
              shareCreate: { max: 10_000, windowMs: 60_000 },
              shareMiss: { max: MISS_LIMIT, windowMs: 60_000 },
            },
          },
        ),
      );
    }
    const { app } = apps[0]!;
    owner = await signUp(app);
    conversationId = (await createConversation(app, owner)).id;
    code = (await createShare(app, owner, { conversationId, privacy: 'unlisted' })).shortCode;
  }, 60_000);

  afterAll(async () => {
    for (const test of apps) await test.close();
    await redis?.close();
  }, 30_000);

  /** Misses from one address on the first app, then one more on the second: 429 when the count is shared. */
  async function sharedMissStatus(ip: string): Promise<number> {
    const [a, b] = apps.map((test) => test.app);
    for (let miss = 0; miss < MISS_LIMIT; miss++) {
      expect((await call(a!, 'GET', '/s/AAAAAAAAAAAA', { ip })).statusCode).toBe(404);
    }
    return (await call(b!, 'GET', '/s/AAAAAAAAAAAA', { ip })).statusCode;
  }

  const redisWarnings = (index: number) =>
    logs[index]!.lines.filter((line) => line.level === 40 && /redis/i.test(line.msg));

  it('shares the miss count between instances while Redis is up', async () => {
    expect(apps.map((test) => test.app.redisLink?.state())).toEqual(['up', 'up']);
    expect(await sharedMissStatus('203.0.113.1')).toBe(429);
  });

  it('keeps pages, creates and sign-in answering at once with Redis down, says degraded, and shares limits again when it is back', async () => {
    const { app } = apps[0]!;
    await redis.stop();

    const ready = await timed(() => call(app, 'GET', '/readyz'));
    expect(ready.ms).toBeLessThan(QUICK_MS);
    expect(ready.response.statusCode).toBe(200);
    expect(ready.response.json()).toEqual({ status: 'degraded', redis: 'down' });

    // A few clients at once for a few rounds: every answer is quick and the usual one.
    const requests: [string, () => ReturnType<typeof call>, number[]][] = [
      ['share page', () => call(app, 'GET', `/s/${code}`), [200]],
      ['unknown link', () => call(app, 'GET', '/s/BBBBBBBBBBBB', { ip: '198.51.100.7' }), [404, 429]],
      ['share API', () => call(app, 'GET', `/api/v1/shared/${code}`), [200]],
      [
        'create',
        () => call(app, 'POST', '/api/v1/conversations', { auth: owner.bearer, body: uniqueConversation() }),
        [201],
      ],
      [
        'share',
        () =>
          call(app, 'POST', '/api/v1/shares', { auth: owner.bearer, body: { conversationId, privacy: 'unlisted' } }),
        [200, 201],
      ],
      [
        'sign-in',
        () =>
          call(app, 'POST', '/api/v1/auth/signin', { body: { email: owner.email, password: 'correct horse battery' } }),
        [200],
      ],
    ];
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(
        requests.map(async ([name, send, expected]) => ({ name, expected, ...(await timed(send)) })),
      );
      for (const { name, expected, response, ms } of answers) {
        expect(expected, `${name}: ${response.statusCode} ${response.body.slice(0, 200)}`).toContain(
          response.statusCode,
        );
        expect(ms, `${name} took ${ms} ms`).toBeLessThan(QUICK_MS);
      }
    }

    expect(apps.map((test) => test.app.redisLink?.state())).toEqual(['down', 'down']);
    // Limits hold per instance meanwhile: the second app has its own count.
    expect(await sharedMissStatus('203.0.113.2')).toBe(404);
    expect((await call(apps[0]!.app, 'GET', '/s/AAAAAAAAAAAA', { ip: '203.0.113.2' })).statusCode).toBe(429);
    // One warning per instance for the whole outage, not one per request.
    expect(redisWarnings(0)).toHaveLength(1);
    expect(redisWarnings(1)).toHaveLength(1);

    await redis.start();
    await until('both apps to reconnect', () => apps.every((test) => test.app.redisLink?.state() === 'up'));
    expect((await call(app, 'GET', '/readyz')).json()).toEqual({ status: 'ready' });
    expect(await sharedMissStatus('203.0.113.3')).toBe(429);
    expect(redisWarnings(0)).toHaveLength(1);
  }, 45_000);

  it('times commands out in milliseconds when Redis hangs, and uses it again once it answers', async () => {
    const { app } = apps[0]!;
    await redis.pause();
    try {
      const miss = await timed(() => call(app, 'GET', '/s/CCCCCCCCCCCC', { ip: '198.51.100.8' }));
      expect(miss.response.statusCode).toBe(404);
      expect(miss.ms).toBeLessThan(QUICK_MS);
      const signin = await timed(() =>
        call(app, 'POST', '/api/v1/auth/signin', { body: { email: owner.email, password: 'correct horse battery' } }),
      );
      expect(signin.response.statusCode).toBe(200);
      expect(signin.ms).toBeLessThan(QUICK_MS);
      const ready = await timed(() => call(app, 'GET', '/readyz'));
      expect(ready.response.json()).toEqual({ status: 'degraded', redis: 'down' });
      expect(ready.ms).toBeLessThan(QUICK_MS);
    } finally {
      await redis.resume();
    }
    await until('the app to use Redis again', () => app.redisLink?.state() === 'up');
    expect((await call(app, 'GET', '/readyz')).json()).toEqual({ status: 'ready' });
  }, 30_000);

  it('starts with Redis down, serves with per-instance limits, and picks Redis up when it starts', async () => {
    await redis.stop();
    const late = await buildTestApp({ redisUrl: redis.url });
    try {
      expect(late.app.redisLink?.state()).toBe('down');
      expect((await call(late.app, 'GET', '/readyz')).json()).toEqual({ status: 'degraded', redis: 'down' });
      expect((await call(late.app, 'GET', '/s/DDDDDDDDDDDD')).statusCode).toBe(404);
      await redis.start();
      await until('the app to connect', () => late.app.redisLink?.state() === 'up');
      expect((await call(late.app, 'GET', '/readyz')).json()).toEqual({ status: 'ready' });
    } finally {
      await late.close();
    }
  }, 30_000);
});

async function timed<T>(send: () => Promise<T>): Promise<{ response: T; ms: number }> {
  const started = performance.now();
  const response = await send();
  return { response, ms: Math.round(performance.now() - started) };
}

let unique = 0;
const uniqueConversation = () =>
  buildConversation({
    messages: [
      {
        id: 'u-1',
        parentId: null,
        role: 'user',
        parts: [{ type: 'text', text: `Question ${++unique} ${Date.now()}` }],
      },
    ],
    currentLeafId: 'u-1',
  });
