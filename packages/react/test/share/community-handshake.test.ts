import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  COMMUNITY_LOADED,
  COMMUNITY_PUBLISH,
  publishToCommunity,
  type HandshakeEvent,
  type HandshakeHost,
} from '../../src/index.js';

const COMMUNITY = 'https://community.example.com';
const payload = { conversation: { format: 1, title: 'Hi', models: [], messages: [] }, models: ['gpt-4o'] };

/** A stand-in for the page's window and the tab it opens: records what is posted where. */
function fakeHost(opens = true) {
  const listeners = new Set<(event: HandshakeEvent) => void>();
  const tab = { closed: false, posted: [] as { data: unknown; target: string }[] };
  const opened = {
    get closed() {
      return tab.closed;
    },
    postMessage: (data: unknown, target: string) => void tab.posted.push({ data, target }),
  };
  const host: HandshakeHost & { urls: string[] } = {
    urls: [],
    open(url) {
      host.urls.push(url);
      return opens ? (opened as unknown as Window) : null;
    },
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
  };
  const deliver = (event: Partial<HandshakeEvent>) => {
    for (const listener of [...listeners]) listener({ data: null, origin: '', source: null, ...event });
  };
  return { host, tab, opened, deliver, listeners };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('publishToCommunity', () => {
  it("opens /publish and, on the tab's ready signal from the community origin, posts to exactly that origin", async () => {
    const { host, tab, opened, deliver, listeners } = fakeHost();
    const outcome = publishToCommunity({ communityUrl: `${COMMUNITY}/`, payload, host });
    expect(host.urls).toEqual([`${COMMUNITY}/publish`]);
    expect(tab.posted).toEqual([]);
    deliver({ data: { type: COMMUNITY_LOADED }, origin: COMMUNITY, source: opened as unknown as Window });
    await expect(outcome).resolves.toEqual({ ok: true, origin: COMMUNITY });
    expect(tab.posted).toEqual([
      { data: { type: COMMUNITY_PUBLISH, conversation: payload.conversation, models: ['gpt-4o'] }, target: COMMUNITY },
    ]);
    expect(listeners.size).toBe(0);
  });

  it('keeps a path prefix of the community URL but posts to its origin', async () => {
    const { host, tab, opened, deliver } = fakeHost();
    const outcome = publishToCommunity({ communityUrl: `${COMMUNITY}/hub`, payload, host });
    expect(host.urls).toEqual([`${COMMUNITY}/hub/publish`]);
    deliver({ data: { type: COMMUNITY_LOADED }, origin: COMMUNITY, source: opened as unknown as Window });
    await outcome;
    expect(tab.posted[0]!.target).toBe(COMMUNITY);
  });

  it('sends nothing to a ready signal from another origin, and says so after the timeout', async () => {
    const { host, tab, opened, deliver } = fakeHost();
    const outcome = publishToCommunity({ communityUrl: COMMUNITY, payload, host, timeoutMs: 5_000 });
    deliver({ data: { type: COMMUNITY_LOADED }, origin: 'https://evil.example', source: opened as unknown as Window });
    deliver({
      data: { type: COMMUNITY_LOADED },
      origin: 'http://community.example.com',
      source: opened as unknown as Window,
    });
    expect(tab.posted).toEqual([]);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(outcome).resolves.toEqual({
      ok: false,
      reason: 'wrong_origin',
      origins: ['https://evil.example', 'http://community.example.com'],
    });
    expect(tab.posted).toEqual([]);
  });

  it('ignores signals from other windows and other kinds of message', async () => {
    const { host, tab, opened, deliver } = fakeHost();
    const outcome = publishToCommunity({ communityUrl: COMMUNITY, payload, host, timeoutMs: 5_000 });
    deliver({ data: { type: COMMUNITY_LOADED }, origin: COMMUNITY, source: {} as Window });
    deliver({ data: { type: COMMUNITY_LOADED }, origin: COMMUNITY, source: null });
    deliver({ data: 'chatshare:loaded', origin: COMMUNITY, source: opened as unknown as Window });
    deliver({ data: { type: 'chatshare:height' }, origin: COMMUNITY, source: opened as unknown as Window });
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(outcome).resolves.toEqual({ ok: false, reason: 'timeout', origins: [] });
    expect(tab.posted).toEqual([]);
  });

  it('reports a blocked tab, a closed tab and an abort', async () => {
    await expect(publishToCommunity({ communityUrl: COMMUNITY, payload, host: fakeHost(false).host })).resolves.toEqual(
      { ok: false, reason: 'popup_blocked', origins: [] },
    );

    const closing = fakeHost();
    const closed = publishToCommunity({ communityUrl: COMMUNITY, payload, host: closing.host });
    closing.tab.closed = true;
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(closed).resolves.toMatchObject({ ok: false, reason: 'closed' });

    const controller = new AbortController();
    const aborting = fakeHost();
    const aborted = publishToCommunity({
      communityUrl: COMMUNITY,
      payload,
      host: aborting.host,
      signal: controller.signal,
    });
    controller.abort();
    await expect(aborted).resolves.toMatchObject({ ok: false, reason: 'aborted' });
    expect(aborting.listeners.size).toBe(0);
  });
});
