/**
 * Cold render time of a share page: prepare (markdown, highlighting) + React renderToString +
 * page body, with no cache, in production mode. Prints JSON: p50 and p90 in milliseconds.
 * Usage: node --conditions=@chatshare/source --import tsx bench/viewer/cold-render.ts [messages] [runs]
 */
process.env.NODE_ENV = 'production';
const { renderConversationPage } = await import('../../packages/server/src/views/render.js');
const { benchConversation } = await import('./conversation.js');

const count = Number(process.argv[2] ?? 200);
const runs = Number(process.argv[3] ?? 60);
const warmup = 10;
const times: number[] = [];
for (let run = 0; run < warmup + runs; run++) {
  // A different conversation each time, so nothing could be served from any cache.
  const input = benchConversation(count, run);
  const conversation = {
    title: input.title,
    sharedAt: '2026-06-01T12:00:00.000Z',
    messages: input.messages.map(({ parentId: _parentId, ...message }) => message) as never,
  };
  const start = performance.now();
  renderConversationPage({
    conversation,
    locale: 'en',
    shareUrl: 'http://localhost:3000/s/AAAAAAAAAAAA',
    indexable: false,
  });
  if (run >= warmup) times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
console.log(JSON.stringify({ messages: count, runs, p50: +at(0.5).toFixed(2), p90: +at(0.9).toFixed(2) }));

// A module (for top-level await) whose imports are dynamic, so NODE_ENV is set before React loads.
export {};
