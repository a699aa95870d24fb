// @vitest-environment jsdom
import { createClient, type ChatshareClient, type FetchLike } from '@chatshare/client';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useShareConversation } from '../../src/index.js';
import { SECRETS_DECISION_REQUIRED } from '../../src/share/index.js';
import './helpers/harness.js';
import {
  makeConversation,
  OPENAI_KEY,
  ownerToken,
  startServer,
  visitorClient,
  type TestServer,
} from './helpers/server.js';

let server: TestServer;
let token: string;
let owner: ChatshareClient;
beforeAll(async () => {
  server = await startServer();
  token = await ownerToken(server.baseUrl);
  owner = createClient({ baseUrl: server.baseUrl, token });
});
afterAll(() => server.close());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'clipboard');
});

/** jsdom's Blob has no `text()`; its FileReader reads it. */
const readBlob = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });

const loaded = async (result: { current: ReturnType<typeof useShareConversation> }) =>
  waitFor(() => expect(result.current.isLoading).toBe(false));

describe('useShareConversation', () => {
  it('reports a conversation that is not shared as not shared, not as an error', async () => {
    const { id } = await makeConversation(owner, 'Quiet');
    const { result } = renderHook(() => useShareConversation(owner, id));
    expect(result.current.isLoading).toBe(true);
    await loaded(result);
    expect(result.current).toMatchObject({ share: null, shareSettings: null, isShared: false, error: null });
  });

  it('creates a link with the defaults, and finds it again on the next mount', async () => {
    const { id } = await makeConversation(owner, 'Defaults');
    const first = renderHook(() => useShareConversation(owner, id));
    await loaded(first.result);
    let outcome: Awaited<ReturnType<typeof first.result.current.createShare>> | undefined;
    await act(async () => {
      outcome = await first.result.current.createShare();
    });
    expect(outcome).toMatchObject({ ok: true });
    expect(first.result.current.isShared).toBe(true);
    expect(first.result.current.shareSettings).toMatchObject({
      privacy: 'unlisted',
      hasPassword: false,
      expiresAt: null,
    });
    const code = first.result.current.share!.shortCode;
    first.unmount();

    const second = renderHook(() => useShareConversation(owner, id));
    await loaded(second.result);
    expect(second.result.current.share?.shortCode).toBe(code);
  });

  it('keeps the code and takes a new snapshot when the link is refreshed', async () => {
    const { id } = await makeConversation(owner, 'Growing');
    const { result } = renderHook(() => useShareConversation(owner, id));
    await loaded(result);
    await act(() => result.current.createShare());
    const code = result.current.share!.shortCode;
    await owner.conversations.appendMessages(id, [{ role: 'user', parts: [{ type: 'text', text: 'And more?' }] }]);
    await act(() => result.current.refreshShare());
    expect(result.current.share).toMatchObject({ shortCode: code, settings: { snapshotVersion: 2, messageCount: 3 } });
  });

  it('changes only the settings it is given', async () => {
    const { id } = await makeConversation(owner, 'Settings');
    const { result } = renderHook(() => useShareConversation(owner, id));
    await loaded(result);
    await act(() => result.current.createShare({ password: 'pass phrase', expiresIn: 1 }));
    const expiresAt = result.current.shareSettings!.expiresAt;
    await act(() => result.current.updateShare({ showAuthor: true }));
    expect(result.current.shareSettings).toMatchObject({ showAuthor: true, hasPassword: true, expiresAt });
  });

  it('gives server failures back as values and keeps them in `error`', async () => {
    const { result } = renderHook(() => useShareConversation(owner, 'no-such-conversation'));
    await loaded(result);
    expect(result.current.error).toMatchObject({ code: 'conversation_not_found' });
    let outcome: Awaited<ReturnType<typeof result.current.createShare>> | undefined;
    await act(async () => {
      outcome = await result.current.createShare();
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'conversation_not_found' } });
    act(() => result.current.clearError());
    expect(result.current.error).toBeNull();
  });

  it('says "not shared" after an action finds the link was revoked elsewhere', async () => {
    const { id } = await makeConversation(owner, 'Revoked elsewhere');
    const { result } = renderHook(() => useShareConversation(owner, id));
    await loaded(result);
    await act(() => result.current.createShare());
    await owner.shares.revoke(result.current.share!.settings.id);
    await act(() => result.current.refreshShare());
    expect(result.current).toMatchObject({ isShared: false, share: null, error: { code: 'share_revoked' } });
  });

  it('revokes the link, after which it is a 404 for everyone', async () => {
    const { id } = await makeConversation(owner, 'Short lived');
    const { result } = renderHook(() => useShareConversation(owner, id));
    await loaded(result);
    await act(() => result.current.createShare());
    const code = result.current.share!.shortCode;
    await act(() => result.current.revokeShare());
    expect(result.current.isShared).toBe(false);
    await expect(visitorClient(server.baseUrl).shared.get(code)).rejects.toMatchObject({ code: 'share_not_found' });
  });

  it('rotates the link: a new code in the state, the old one dead, settings and content kept', async () => {
    const { id } = await makeConversation(owner, 'Turning');
    const { result } = renderHook(() => useShareConversation(owner, id));
    await loaded(result);
    await act(() => result.current.createShare({ privacy: 'public', title: 'Kept' }));
    const before = result.current.share!;
    let outcome: Awaited<ReturnType<typeof result.current.rotateShare>> | undefined;
    await act(async () => {
      outcome = await result.current.rotateShare();
    });
    const after = result.current.share!;
    expect(outcome).toEqual({ ok: true, share: after });
    expect(after.shortCode).not.toBe(before.shortCode);
    expect(after.shareUrl).toMatch(new RegExp(`/s/${after.shortCode}$`));
    expect(result.current).toMatchObject({ isShared: true, pending: null, error: null });
    expect(after.settings).toMatchObject({ id: before.settings.id, privacy: 'public', title: 'Kept' });
    const visitor = visitorClient(server.baseUrl);
    await expect(visitor.shared.get(before.shortCode)).rejects.toMatchObject({ code: 'share_not_found' });
    await expect(visitor.shared.get(after.shortCode)).resolves.toMatchObject({ title: 'Kept' });
  });

  it('answers a rotation of a link revoked elsewhere with share_revoked and shows it as not shared', async () => {
    const { id } = await makeConversation(owner, 'Revoked elsewhere');
    const { result } = renderHook(() => useShareConversation(owner, id));
    await loaded(result);
    await act(() => result.current.createShare());
    await owner.shares.revoke(result.current.share!.settings.id);
    let outcome: Awaited<ReturnType<typeof result.current.rotateShare>> | undefined;
    await act(async () => {
      outcome = await result.current.rotateShare();
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'share_revoked' } });
    expect(result.current).toMatchObject({ isShared: false, error: { code: 'share_revoked' } });
  });

  it('ignores the answer for a conversation it is no longer showing', async () => {
    const slow = await makeConversation(owner, 'Slow');
    const fast = await makeConversation(owner, 'Fast');
    await owner.shares.create({ conversationId: slow.id });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Holds back only the slow conversation's answer, so it arrives after the switch.
    const delayed: FetchLike = async (url, init) => {
      if (url.includes(slow.id)) await gate;
      return fetch(url, init);
    };
    const client = createClient({ baseUrl: server.baseUrl, token, fetch: delayed });
    const { result, rerender } = renderHook(({ id }) => useShareConversation(client, id), {
      initialProps: { id: slow.id },
    });
    rerender({ id: fast.id });
    await loaded(result);
    release();
    // Give the held-back answer time to arrive and be dropped.
    await act(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(result.current).toMatchObject({ share: null, isShared: false, error: null });
  });

  it('drops answers that arrive after unmount', async () => {
    const { id } = await makeConversation(owner, 'Closed early');
    const errors = vi.spyOn(console, 'error');
    const { result, unmount } = renderHook(() => useShareConversation(owner, id));
    await loaded(result);
    let pending!: ReturnType<typeof result.current.createShare>;
    act(() => {
      pending = result.current.createShare();
    });
    unmount();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('drops the answer after unmount when the secrets decision was given too', async () => {
    const { id } = await makeConversation(owner, 'Closed early, decided', { secret: true });
    const { result, unmount } = renderHook(() => useShareConversation(owner, id));
    await waitFor(() => expect(result.current.needsSecretsDecision).toBe(true));
    let pending!: ReturnType<typeof result.current.createShare>;
    act(() => {
      pending = result.current.createShare({ redact: true });
    });
    unmount();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'stale' } });
  });

  it('copies a link that is still being created through a ClipboardItem built from a promise', async () => {
    const { id } = await makeConversation(owner, 'Copy at once');
    const items: { type: string; data: Promise<Blob> }[] = [];
    // Only the browser API boundary is stubbed: ClipboardItem and clipboard.write.
    class FakeClipboardItem {
      constructor(data: Record<string, Promise<Blob>>) {
        for (const [type, blob] of Object.entries(data)) items.push({ type, data: blob });
      }
    }
    vi.stubGlobal('ClipboardItem', FakeClipboardItem);
    const write = vi.fn(async (_list: FakeClipboardItem[]) => {
      await Promise.all(items.map((item) => item.data));
    });
    const writeText = vi.fn();
    Object.defineProperty(navigator, 'clipboard', { value: { write, writeText }, configurable: true });

    const { result } = renderHook(() => useShareConversation(owner, id));
    await loaded(result);
    let created!: ReturnType<typeof result.current.createShare>;
    let copied!: ReturnType<typeof result.current.copyLink>;
    await act(async () => {
      // Both in the same click: the copy cannot wait for the link.
      created = result.current.createShare();
      copied = result.current.copyLink();
      await created;
    });
    expect(await copied).toBe('copied');
    expect(write).toHaveBeenCalledTimes(1);
    expect(writeText).not.toHaveBeenCalled();
    expect(items).toHaveLength(1);
    expect(items[0]!.type).toBe('text/plain');
    expect(await readBlob(await items[0]!.data)).toBe(result.current.share!.shareUrl);
  });

  it('scans on load and refuses to create a link with secrets nobody decided about', async () => {
    const { id } = await makeConversation(owner, 'Keys', { secret: true });
    const { result } = renderHook(() => useShareConversation(owner, id));
    await waitFor(() => expect(result.current.secrets).not.toBeNull());
    expect(result.current.secrets).toEqual([
      expect.objectContaining({ kind: 'openai_key', preview: 'sk-p…6789', location: 'messages[1]', redacted: false }),
    ]);
    expect(result.current.needsSecretsDecision).toBe(true);
    expect(JSON.stringify(result.current.secrets)).not.toContain(OPENAI_KEY);

    let outcome: Awaited<ReturnType<typeof result.current.createShare>> | undefined;
    await act(async () => {
      outcome = await result.current.createShare({ privacy: 'unlisted' });
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: SECRETS_DECISION_REQUIRED } });
    expect(SECRETS_DECISION_REQUIRED).toBe('secrets_decision_required');
    expect(result.current).toMatchObject({ share: null, pending: null, error: { code: 'secrets_decision_required' } });
    await expect(owner.shares.forConversation(id)).rejects.toMatchObject({ code: 'share_not_found' });

    await act(async () => {
      outcome = await result.current.createShare({ privacy: 'unlisted', redact: true });
    });
    expect(outcome).toMatchObject({ ok: true });
    expect(result.current.needsSecretsDecision).toBe(false);
    const code = result.current.share!.shortCode;
    expect(JSON.stringify(await visitorClient(server.baseUrl).shared.get(code))).not.toContain(OPENAI_KEY);
  });

  it('shares the secrets as they are with redact: false', async () => {
    const { id } = await makeConversation(owner, 'Keys as is', { secret: true });
    const { result } = renderHook(() => useShareConversation(owner, id));
    await waitFor(() => expect(result.current.needsSecretsDecision).toBe(true));
    await act(() => result.current.createShare({ redact: false }));
    const code = result.current.share!.shortCode;
    expect(result.current.warnings).toEqual([expect.objectContaining({ kind: 'openai_key', redacted: false })]);
    expect(JSON.stringify(await visitorClient(server.baseUrl).shared.get(code))).toContain(OPENAI_KEY);
  });

  it('scans again when creating, so a secret added after the first scan is caught, and a copy started meanwhile fails', async () => {
    const { id } = await makeConversation(owner, 'Clean at first');
    const { result } = renderHook(() => useShareConversation(owner, id));
    await waitFor(() => expect(result.current.secrets).toEqual([]));
    expect(result.current.needsSecretsDecision).toBe(false);
    await owner.conversations.appendMessages(id, [{ role: 'user', parts: [{ type: 'text', text: OPENAI_KEY }] }]);
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    let outcome: Awaited<ReturnType<typeof result.current.createShare>> | undefined;
    let copied!: ReturnType<typeof result.current.copyLink>;
    await act(async () => {
      const created = result.current.createShare();
      copied = result.current.copyLink();
      outcome = await created;
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'secrets_decision_required' } });
    expect(await copied).toBe('failed');
    expect(writeText).not.toHaveBeenCalled();
    expect(result.current.secrets).toHaveLength(1);
    await expect(owner.shares.forConversation(id)).rejects.toMatchObject({ code: 'share_not_found' });
    // scan() asks again on demand.
    let scanned: Awaited<ReturnType<typeof result.current.scan>> | undefined;
    await act(async () => {
      scanned = await result.current.scan();
    });
    expect(scanned).toMatchObject({ ok: true, secrets: [expect.objectContaining({ kind: 'openai_key' })] });
  });

  it('warns on load about a live link that shows secrets, and not about one that redacts them', async () => {
    const plain = await makeConversation(owner, 'Live as is', { secret: true });
    await owner.shares.create({ conversationId: plain.id, redact: false });
    const first = renderHook(() => useShareConversation(owner, plain.id));
    await waitFor(() => expect(first.result.current.warnings).toHaveLength(1));
    expect(first.result.current.warnings[0]).toMatchObject({ kind: 'openai_key', redacted: false });

    const masked = await makeConversation(owner, 'Live redacted', { secret: true });
    await owner.shares.create({ conversationId: masked.id, redact: true });
    const scan = vi.spyOn(owner.shares, 'scan');
    const second = renderHook(() => useShareConversation(owner, masked.id));
    await loaded(second.result);
    expect(second.result.current).toMatchObject({ warnings: [], needsSecretsDecision: false });
    expect(scan).not.toHaveBeenCalled();
    // Refreshing a link that redacts needs no new decision: the server keeps redacting.
    await act(() => second.result.current.createShare());
    expect(second.result.current.error).toBeNull();
    expect(second.result.current.shareSettings!.snapshotVersion).toBe(2);
    scan.mockRestore();
  });

  it('reports every privacy level as allowed on an instance with open sharing', async () => {
    const { id } = await makeConversation(owner, 'Levels');
    const { result } = renderHook(() => useShareConversation(owner, id));
    await waitFor(() => expect(result.current.allowedPrivacy).toEqual(['public', 'unlisted', 'private']));
  });
});
