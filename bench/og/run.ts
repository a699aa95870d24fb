/**
 * Preview image timing: GET /s/:code/og.png through the whole app (share lookup, access
 * decision, snapshot, satori + resvg, PNG written under DATA_DIR/og), first for images never
 * drawn before and then for the same image again (from memory). The app runs in this process
 * on SQLite, as `npm start` would run it; requests go through `app.inject` (no socket).
 * Fonts are loaded by a few warm-up images first: a process draws its first card only once.
 * Prints JSON: per title script, p50 and p90 in milliseconds, and the PNG sizes; and what a
 * request that does nothing costs through inject, for comparison.
 * Usage: node --conditions=@chatshare/source --import tsx bench/og/run.ts [runs]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.NODE_ENV = 'production';
const { buildApp } = await import('../../packages/server/src/app.js');
const { loadConfig } = await import('../../packages/server/src/env.js');

const runs = Number(process.argv[2] ?? 30);
const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-bench-og-'));
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000' });
const many = { max: 1_000_000, windowMs: 60_000 };
const app = await buildApp({
  config,
  logger: false,
  rateLimits: { shareCreate: many, auth: many, shareMiss: many, unlock: many },
});

const origin = 'http://localhost:3000';
const signup = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/signup',
  payload: { email: 'bench@example.com', password: 'correct horse battery' },
});
const cookie = signup.cookies.map((item) => `${item.name}=${item.value}`).join('; ');
const token = (
  await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie, origin }, payload: { name: 'bench' } })
).json().token as string;
const authorization = `Bearer ${token}`;

const TITLES = {
  latin: ['Planning a trip to Lisbon with a tight budget', 'What should I see in three days, and where should I eat?'],
  japanese: ['東京で三日間の旅行プランを作ってください', '浅草、渋谷、そして築地市場を一日ずつ回るのはどうですか。'],
  arabic: ['كيف أتعلم البرمجة بلغة بايثون بسرعة؟', 'ابدأ بالأساسيات ثم اكتب مشاريع صغيرة كل يوم.'],
} as const;

/** A new share (so a new image) whose title and first messages are in the given script. */
async function newShare(script: keyof typeof TITLES, run: number): Promise<string> {
  const [title, text] = TITLES[script];
  const conversation = await app.inject({
    method: 'POST',
    url: '/api/v1/conversations',
    headers: { authorization },
    payload: [
      { role: 'user', content: `${text} (${run})` },
      { role: 'assistant', content: `${text} — ${text}` },
    ],
  });
  const id = conversation.json().id as string;
  await app.inject({
    method: 'PATCH',
    url: `/api/v1/conversations/${id}`,
    headers: { authorization },
    payload: { title: `${title} ${run}` },
  });
  const share = await app.inject({
    method: 'POST',
    url: '/api/v1/shares',
    headers: { authorization },
    payload: { conversationId: id },
  });
  return share.json().shortCode as string;
}

async function imageUrl(code: string): Promise<string> {
  const page = await app.inject({ method: 'GET', url: `/s/${code}`, headers: { 'user-agent': 'bench' } });
  const image = /<meta property="og:image" content="([^"]+)"/.exec(page.body)![1]!;
  return new URL(image.replace(/&amp;/g, '&')).pathname + new URL(image.replace(/&amp;/g, '&')).search;
}

/** One request, its body read as a stream: inject's default turns every body into a string,
 * which for a 50 KB PNG costs more than the server's whole cached path. */
async function timed(url: string): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const response = await app.inject({ method: 'GET', url, payloadAsStream: true });
  let bytes = 0;
  for await (const chunk of response.stream()) bytes += (chunk as Buffer).length;
  const ms = performance.now() - start;
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
  return { ms, bytes };
}

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return +sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2);
};

// Warm-up: every font subset used below is read once, and the code paths are compiled.
// The very first image of each script also reads its fonts from disk: reported on its own.
const coldFonts: Record<string, number> = {};
for (const script of Object.keys(TITLES) as (keyof typeof TITLES)[]) {
  for (let run = 0; run < 3; run++) {
    const { ms } = await timed(await imageUrl(await newShare(script, -1 - run)));
    if (run === 0) coldFonts[script] = +ms.toFixed(1);
  }
}

// What any request through inject costs here, for comparison: a route that does nothing.
const floor: number[] = [];
for (let i = 0; i < 300; i++) {
  const start = performance.now();
  await app.inject({ method: 'GET', url: '/healthz' });
  floor.push(performance.now() - start);
}

const results: Record<string, unknown> = { injectFloorP50: percentile(floor, 0.5), firstOfProcess: coldFonts };
for (const script of Object.keys(TITLES) as (keyof typeof TITLES)[]) {
  const first: number[] = [];
  const cached: number[] = [];
  const sizes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const url = await imageUrl(await newShare(script, run));
    const drawn = await timed(url);
    first.push(drawn.ms);
    sizes.push(drawn.bytes);
    for (let again = 0; again < 10; again++) cached.push((await timed(url)).ms);
  }
  results[script] = {
    firstP50: percentile(first, 0.5),
    firstP90: percentile(first, 0.9),
    cachedP50: percentile(cached, 0.5),
    cachedP90: percentile(cached, 0.9),
    maxKB: +(Math.max(...sizes) / 1024).toFixed(1),
  };
}
console.log(JSON.stringify({ runs, ...results }, null, 2));
await app.close();
await rm(dataDir, { recursive: true, force: true });
