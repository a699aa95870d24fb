// @vitest-environment jsdom
import type { ChatshareClient } from '@chatshare/client';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dialog, renderPage } from './helpers/harness.js';
import { contentOf } from '../../../client/test/helpers/content.js';
import {
  makeConversation,
  OPENAI_KEY,
  ownerClient,
  startServer,
  visitorClient,
  type TestServer,
} from './helpers/server.js';

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
});

/** Renders the page for a new conversation and opens the dialog, as a person would. */
async function openDialog(
  options: { title?: string; secret?: boolean; locale?: string; conversationId?: string } = {},
) {
  const conversationId =
    options.conversationId ?? (await makeConversation(owner, options.title ?? 'Trip planning', options)).id;
  const user = userEvent.setup();
  renderPage({ client: owner, conversationId, title: options.title, locale: options.locale });
  await user.click(screen.getByRole('button', { name: 'Open share dialog' }));
  return { user, conversationId };
}

const linkField = () => within(dialog()).findByRole<HTMLInputElement>('textbox', { name: 'Link' });
const codeOf = (url: string) => url.split('/s/')[1]!;

describe('ShareDialog', () => {
  it('loads "not shared", then shares with the defaults (unlisted) and shows the link', async () => {
    const { user, conversationId } = await openDialog({ title: 'Trip planning' });
    expect(screen.getByRole('heading', { name: 'Share “Trip planning”' })).toBeTruthy();
    const create = await within(dialog()).findByRole('button', { name: 'Create link' });
    expect(screen.queryByRole('textbox', { name: 'Link' })).toBeNull();
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Anyone with the link' }).checked).toBe(true);
    expect(
      screen.getByText(
        'People with the link see the conversation as it is now. Messages you add later are not shared until you update the link.',
      ),
    ).toBeTruthy();

    await user.click(create);
    const field = await linkField();
    // The server's PUBLIC_URL (its default here) makes the link, not the address it listens on.
    expect(field.value).toMatch(/^https?:\/\/[^/]+\/s\/\w+$/);
    expect(await screen.findByText('The link is ready.')).toBeTruthy();
    // The QR code's encoder is loaded on first use: the image comes a moment after the link.
    const qr = await screen.findByRole('img', { name: `QR code for ${field.value}` }, { timeout: 5_000 });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByText('Opened 0 times')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeTruthy();

    const share = await owner.shares.forConversation(conversationId);
    expect(share).toMatchObject({ shortCode: codeOf(field.value), settings: { privacy: 'unlisted' } });
    expect(contentOf(await visitorClient(server.baseUrl).shared.get(share.shortCode)).title).toBe('Trip planning');
  });

  it('shares privately with the emails entered, after pointing out one that is not an address', async () => {
    const { user, conversationId } = await openDialog();
    await user.click(await screen.findByRole('radio', { name: 'Only people I invite' }));
    const emails = screen.getByRole('textbox', { name: 'Email addresses that may open the link' });
    await user.type(emails, 'ana@example.com, not-an-address');
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    expect(screen.getByText('This is not an email address: not-an-address')).toBeTruthy();
    expect(emails.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(emails));
    await expect(owner.shares.forConversation(conversationId)).rejects.toMatchObject({ code: 'share_not_found' });

    await user.clear(emails);
    await user.type(emails, 'ana@example.com{Enter}Bo@Example.org');
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    await linkField();
    const share = await owner.shares.forConversation(conversationId);
    expect(share.settings).toMatchObject({ privacy: 'private', allowedEmails: ['ana@example.com', 'bo@example.org'] });
    await expect(visitorClient(server.baseUrl).shared.get(share.shortCode)).rejects.toMatchObject({
      code: 'share_not_found',
    });
  });

  it('sends the password and the expiry as chosen', async () => {
    const { user, conversationId } = await openDialog();
    await user.click(await screen.findByRole('checkbox', { name: 'Require a password' }));
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    expect(screen.getByText('Enter a password, or turn the password off.')).toBeTruthy();

    await user.type(screen.getByLabelText('Password'), 'open sesame');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Link expires' }), 'In 24 hours');
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    await linkField();
    expect(screen.getByText('Protected by a password')).toBeTruthy();
    expect(screen.getByText(/^Expires /)).toBeTruthy();

    const { settings, shortCode } = await owner.shares.forConversation(conversationId);
    expect(settings.hasPassword).toBe(true);
    const hoursAhead = (Date.parse(settings.expiresAt!) - Date.now()) / 3600_000;
    expect(hoursAhead).toBeGreaterThan(23.9);
    expect(hoursAhead).toBeLessThanOrEqual(24);
    const visitor = visitorClient(server.baseUrl);
    await expect(visitor.shared.get(shortCode)).rejects.toMatchObject({ code: 'password_required' });
    await visitor.shared.unlock(shortCode, 'open sesame');
    expect(contentOf(await visitor.shared.get(shortCode)).shortCode).toBe(shortCode);
  });

  it('shows an existing link with its settings and saves only what was changed', async () => {
    const { id } = await makeConversation(owner, 'Already shared');
    await owner.shares.create({ conversationId: id, password: 'kept secret', expiresIn: 7 * 24 });
    const before = (await owner.shares.forConversation(id)).settings;
    const { user } = await openDialog({ conversationId: id });
    await linkField();
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Require a password' }).checked).toBe(true);
    expect(screen.getByText('A password is set. Leave this empty to keep it, or type a new one.')).toBeTruthy();
    const expiry = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Link expires' });
    expect(expiry.selectedOptions[0]!.textContent).toMatch(/^As set: /);
    expect(screen.queryByRole('checkbox', { name: 'Allow search engines' })).toBeNull();

    await user.click(screen.getByRole('radio', { name: 'Public' }));
    await user.click(screen.getByRole('checkbox', { name: 'Allow search engines' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Changes saved.')).toBeTruthy();

    const after = (await owner.shares.forConversation(id)).settings;
    expect(after).toMatchObject({ privacy: 'public', allowIndexing: true, hasPassword: true });
    expect(after.expiresAt).toBe(before.expiresAt);
  });

  it('updates the link under the same code with a new snapshot', async () => {
    const { user, conversationId } = await openDialog();
    await user.click(await screen.findByRole('button', { name: 'Create link' }));
    const code = codeOf((await linkField()).value);
    await owner.conversations.appendMessages(conversationId, [
      { role: 'user', parts: [{ type: 'text', text: 'One more thing' }] },
    ]);
    await user.click(screen.getByRole('button', { name: 'Update link' }));
    expect(await screen.findByText('Link updated. It shows the chosen messages as they are now.')).toBeTruthy();
    expect(codeOf((await linkField()).value)).toBe(code);
    const { settings, shortCode } = await owner.shares.forConversation(conversationId);
    expect(shortCode).toBe(code);
    expect(settings).toMatchObject({ snapshotVersion: 2, messageCount: 3 });
    expect(contentOf(await visitorClient(server.baseUrl).shared.get(code)).messageCount).toBe(3);
  });

  it('asks for confirmation before it stops sharing, then the link is a 404', async () => {
    const { user } = await openDialog();
    await user.click(await screen.findByRole('button', { name: 'Create link' }));
    const code = codeOf((await linkField()).value);
    const visitor = visitorClient(server.baseUrl);

    await user.click(screen.getByRole('button', { name: 'Stop sharing' }));
    expect(screen.getByText('Stop sharing this conversation?')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep sharing' }));
    await user.click(screen.getByRole('button', { name: 'Keep sharing' }));
    expect(screen.queryByText('Stop sharing this conversation?')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Stop sharing' }));
    expect(contentOf(await visitor.shared.get(code)).shortCode).toBe(code);

    await user.click(screen.getByRole('button', { name: 'Stop sharing' }));
    await user.click(screen.getByRole('button', { name: 'Yes, stop sharing' }));
    expect(await screen.findByText('Sharing stopped. The link no longer works.')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Link' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Create link' })).toBeTruthy();
    expect(dialog().contains(document.activeElement)).toBe(true);
    await expect(visitor.shared.get(code)).rejects.toMatchObject({ status: 404, code: 'share_not_found' });
  });

  it('asks for confirmation before it makes a new link, then shows it; the old link is a 404 and the new one opens', async () => {
    const { user } = await openDialog({ title: 'Rotating' });
    await user.click(await screen.findByRole('button', { name: 'Create link' }));
    const oldCode = codeOf((await linkField()).value);
    const visitor = visitorClient(server.baseUrl);

    await user.click(screen.getByRole('button', { name: 'New link' }));
    expect(screen.getByText('Replace this link with a new one?')).toBeTruthy();
    expect(screen.getByText(/The current link stops working at once, for everyone/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep this link' }));
    await user.click(screen.getByRole('button', { name: 'Keep this link' }));
    expect(screen.queryByText('Replace this link with a new one?')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'New link' }));
    expect(contentOf(await visitor.shared.get(oldCode)).shortCode).toBe(oldCode);

    await user.click(screen.getByRole('button', { name: 'New link' }));
    await user.click(screen.getByRole('button', { name: 'Yes, make a new link' }));
    expect(await screen.findByText('New link made. The old link no longer works.')).toBeTruthy();
    const newCode = codeOf((await linkField()).value);
    expect(newCode).not.toBe(oldCode);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'New link' }));
    await expect(visitor.shared.get(oldCode)).rejects.toMatchObject({ status: 404, code: 'share_not_found' });
    expect(contentOf(await visitor.shared.get(newCode)).title).toBe('Rotating');
  });

  it('finds secrets before any link exists and publishes nothing until the owner chooses; "Redact and share" masks them', async () => {
    const { user, conversationId } = await openDialog({ title: 'Config help', secret: true });
    const warnings = await screen.findByRole('region', { name: 'This may contain secrets' });
    expect(within(warnings).getByText('OpenAI API key')).toBeTruthy();
    expect(within(warnings).getByText('sk-p…6789')).toBeTruthy();
    expect(within(warnings).getByText('in message 2')).toBeTruthy();
    expect(within(warnings).getByText(/^Nothing is shared yet\./)).toBeTruthy();
    expect(within(dialog()).queryByText(OPENAI_KEY)).toBeNull();
    // The choice replaces "Create link", and no link exists while it is open.
    expect(within(dialog()).queryByRole('button', { name: 'Create link' })).toBeNull();
    expect(within(warnings).getByRole('button', { name: 'Share as is' })).toBeTruthy();
    await expect(owner.shares.forConversation(conversationId)).rejects.toMatchObject({ code: 'share_not_found' });

    await user.click(within(warnings).getByRole('button', { name: 'Redact and share' }));
    const code = codeOf((await linkField()).value);
    expect(await screen.findByText('The link is ready.')).toBeTruthy();
    expect(await screen.findByText('1 possible secret is replaced in the shared copy.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'This may contain secrets' })).toBeNull();
    const visitor = visitorClient(server.baseUrl);
    const redacted = await visitor.shared.get(code);
    expect(JSON.stringify(redacted)).not.toContain(OPENAI_KEY);
    expect((await owner.shares.forConversation(conversationId)).settings.redact).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Update link' }));
    await screen.findByText('Link updated. It shows the chosen messages as they are now.');
    expect(JSON.stringify(await visitor.shared.get(code))).not.toContain(OPENAI_KEY);
  });

  it('"Share as is" publishes the secrets as written, and reopening the dialog warns again and offers "Redact"', async () => {
    const { user, conversationId } = await openDialog({ title: 'Config help', secret: true });
    const warnings = await screen.findByRole('region', { name: 'This may contain secrets' });
    await user.click(within(warnings).getByRole('button', { name: 'Share as is' }));
    const code = codeOf((await linkField()).value);
    // Just chosen: no second warning about the same thing.
    expect(screen.queryByRole('region', { name: 'This may contain secrets' })).toBeNull();
    const visitor = visitorClient(server.baseUrl);
    expect(JSON.stringify(await visitor.shared.get(code))).toContain(OPENAI_KEY);

    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(screen.getByRole('button', { name: 'Open share dialog' }));
    const again = await screen.findByRole('region', { name: 'This may contain secrets' });
    expect(within(again).getByText(/^The link shows them as they are written\./)).toBeTruthy();
    await user.click(within(again).getByRole('button', { name: 'Redact' }));
    expect(await screen.findByText('1 possible secret is replaced in the shared copy.')).toBeTruthy();
    const { shortCode, settings } = await owner.shares.forConversation(conversationId);
    expect(shortCode).toBe(code);
    expect(settings.redact).toBe(true);
    expect(JSON.stringify(await visitor.shared.get(code))).not.toContain(OPENAI_KEY);
  });

  it('publishes what the dialog showed: a message added while it was open is not in the link', async () => {
    const { user, conversationId } = await openDialog();
    const create = await within(dialog()).findByRole('button', { name: 'Create link' });
    expect(screen.getByText('The link shows 2 of 2 messages:')).toBeTruthy();
    await owner.conversations.appendMessages(conversationId, [
      { role: 'user', parts: [{ type: 'text', text: `And this one? ${OPENAI_KEY}` }] },
    ]);
    await user.click(create);
    await linkField();
    const share = await owner.shares.forConversation(conversationId);
    const shared = contentOf(await visitorClient(server.baseUrl).shared.get(share.shortCode));
    expect(shared.messages).toHaveLength(2);
    expect(JSON.stringify(shared)).not.toContain(OPENAI_KEY);
  });

  it('copies the link to the clipboard', async () => {
    const { user } = await openDialog();
    await user.click(await screen.findByRole('button', { name: 'Create link' }));
    const field = await linkField();
    // The browser API boundary, stubbed after user-event installs its own clipboard.
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await screen.findByText('Link copied.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(field.value);
  });

  it('selects the link for a manual copy when the clipboard refuses', async () => {
    const { user } = await openDialog();
    await user.click(await screen.findByRole('button', { name: 'Create link' }));
    const field = await linkField();
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: vi.fn(async () => Promise.reject(new DOMException('denied', 'NotAllowedError'))) },
      configurable: true,
    });
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await screen.findByText(/^Copying did not work\. The link is selected: press (Ctrl\+C|⌘C)/)).toBeTruthy();
    expect(document.activeElement).toBe(field);
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, field.value.length]);
  });

  it('offers the embed code for a link anyone may embed, copies it, and hides it once embedding is off', async () => {
    const { user } = await openDialog();
    await user.click(await screen.findByRole('button', { name: 'Create link' }));
    const link = (await linkField()).value;
    const code = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Embed code' });
    const origin = new URL(link).origin;
    expect(code.value).toBe(`<div data-chatshare="${link}"></div><script async src="${origin}/embed.js"></script>`);
    expect(code.readOnly).toBe(true);
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(await screen.findByText('Embed code copied.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(code.value);

    await user.click(screen.getByRole('checkbox', { name: 'Allow embedding' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Changes saved.')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Embed code' })).toBeNull();
  });

  it('offers no embed code for a password-protected or private link', async () => {
    const { user } = await openDialog();
    await user.click(await screen.findByRole('checkbox', { name: 'Require a password' }));
    await user.type(screen.getByLabelText('Password'), 'open sesame');
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    await linkField();
    expect(screen.queryByRole('textbox', { name: 'Embed code' })).toBeNull();

    await user.click(screen.getByRole('checkbox', { name: 'Require a password' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('textbox', { name: 'Embed code' })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Only people I invite' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Changes saved.')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Embed code' })).toBeNull();
  });

  it('offers the conversation image of a link anyone may open, and none once it has a password', async () => {
    const { user } = await openDialog();
    await user.click(await screen.findByRole('button', { name: 'Create link' }));
    const link = (await linkField()).value;
    // No ClipboardItem here (jsdom), so the image is offered as a download.
    const download = await within(dialog()).findByRole<HTMLAnchorElement>('link', { name: 'Download image' });
    expect(download.href).toBe(`${link}/image.png`);

    await user.click(screen.getByRole('checkbox', { name: 'Require a password' }));
    await user.type(screen.getByLabelText('Password'), 'open sesame');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Changes saved.')).toBeTruthy();
    expect(within(dialog()).queryByRole('link', { name: 'Download image' })).toBeNull();
  });

  it('speaks German with the German locale', async () => {
    const { user } = await openDialog({ title: 'Reise', locale: 'de' });
    expect(screen.getByRole('heading', { name: '„Reise“ teilen' })).toBeTruthy();
    const create = await screen.findByRole('button', { name: 'Link erstellen' });
    expect(
      screen.getByText(
        'Wer den Link hat, sieht die Unterhaltung so, wie sie jetzt ist. Nachrichten, die du später hinzufügst, werden erst geteilt, wenn du den Link aktualisierst.',
      ),
    ).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Alle mit dem Link' }).checked).toBe(true);
    expect(screen.getByRole('combobox', { name: 'Link läuft ab' })).toBeTruthy();
    await user.click(create);
    expect(await screen.findByRole('button', { name: 'Link kopieren' })).toBeTruthy();
    expect(screen.getByText('0-mal geöffnet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Link aktualisieren' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Schließen' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Code zum Einbetten' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Code kopieren' })).toBeTruthy();
  });

  it('shows a server error inline when the link was revoked behind its back, without throwing', async () => {
    const { user, conversationId } = await openDialog();
    await user.click(await screen.findByRole('button', { name: 'Create link' }));
    await linkField();
    const { settings } = await owner.shares.forConversation(conversationId);
    await owner.shares.revoke(settings.id);

    await user.click(screen.getByRole('button', { name: 'Update link' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('This link was stopped elsewhere. Create a new link to share again.');
    expect(dialog().contains(alert)).toBe(true);
    expect(screen.queryByRole('textbox', { name: 'Link' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Create link' })).toBeTruthy();
  });

  it('shows a failure to load inline', async () => {
    await openDialog({ conversationId: 'gone-conversation' });
    expect((await screen.findByRole('alert')).textContent).toBe('This conversation no longer exists.');
  });
});
