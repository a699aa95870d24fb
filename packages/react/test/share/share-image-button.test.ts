// @vitest-environment jsdom
import type { ChatshareClient } from '@chatshare/client';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ShareI18nProvider } from '../../src/index.js';
import { ShareImageButton } from '../../src/share/ShareImageButton.js';
import './helpers/harness.js';
import { makeConversation, ownerClient, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let owner: ChatshareClient;
beforeAll(async () => {
  server = await startServer();
  owner = await ownerClient(server.baseUrl);
});
afterAll(() => server.close());
afterEach(() => {
  cleanup();
  Reflect.deleteProperty(navigator, 'clipboard');
  vi.unstubAllGlobals();
});

/**
 * The browser's clipboard (the API boundary): `write` takes what each ClipboardItem holds.
 * Stubbed after userEvent.setup(), which puts a clipboard of its own in place.
 */
function stubClipboard(write: (items: { data: Record<string, Promise<Blob>> }[]) => Promise<void>) {
  vi.stubGlobal(
    'ClipboardItem',
    class {
      constructor(readonly data: Record<string, Promise<Blob>>) {}
    },
  );
  Object.defineProperty(navigator, 'clipboard', { value: { write }, configurable: true });
}

async function imageUrl() {
  const { id } = await makeConversation(owner, 'Lisbon');
  const { shortCode } = await owner.shares.create({ conversationId: id });
  return `${server.baseUrl}/s/${shortCode}/image.png`;
}

describe('ShareImageButton', () => {
  it('copies the PNG from the server to the clipboard, the write started in the click', async () => {
    const src = await imageUrl();
    const user = userEvent.setup();
    const written: Blob[] = [];
    let startedInClick = false;
    stubClipboard(async (items) => {
      // The item holds a promise: the write began before the image arrived.
      startedInClick = typeof items[0]!.data['image/png']?.then === 'function';
      written.push(await items[0]!.data['image/png']!);
    });
    render(createElement(ShareImageButton, { src }));
    await user.click(await screen.findByRole('button', { name: 'Copy image' }));
    expect(await screen.findByText('The image is on the clipboard.')).toBeTruthy();
    expect(startedInClick).toBe(true);
    expect(written[0]!.type).toBe('image/png');
    const bytes = new Uint8Array(await written[0]!.arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  }, 60_000);

  it('offers a download where the browser cannot copy images', async () => {
    const src = await imageUrl();
    render(createElement(ShareImageButton, { src, fileName: 'lisbon.png' }));
    const link = screen.getByRole('link', { name: 'Download image' });
    expect(link.getAttribute('href')).toBe(src);
    expect(link.getAttribute('download')).toBe('lisbon.png');
    expect(screen.queryByRole('button', { name: 'Copy image' })).toBeNull();
  });

  it('turns into a download when copying is refused, and says so', async () => {
    const user = userEvent.setup();
    stubClipboard(async () => Promise.reject(new Error('NotAllowedError')));
    render(createElement(ShareImageButton, { src: `${server.baseUrl}/s/AAAAAAAAAAAA/image.png` }));
    await user.click(await screen.findByRole('button', { name: 'Copy image' }));
    expect(await screen.findByText('Copying did not work. Download the image instead.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download image' })).toBeTruthy();
  });

  it('speaks German', async () => {
    stubClipboard(async () => undefined);
    render(
      createElement(ShareI18nProvider, {
        locale: 'de',
        children: createElement(ShareImageButton, { src: `${server.baseUrl}/x.png` }),
      }),
    );
    expect(await screen.findByRole('button', { name: 'Bild kopieren' })).toBeTruthy();
    cleanup();
    Reflect.deleteProperty(navigator, 'clipboard');
    render(
      createElement(ShareI18nProvider, {
        locale: 'de',
        children: createElement(ShareImageButton, { src: `${server.baseUrl}/x.png` }),
      }),
    );
    expect(screen.getByRole('link', { name: 'Bild herunterladen' })).toBeTruthy();
  });
});
