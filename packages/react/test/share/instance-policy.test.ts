// @vitest-environment jsdom
/**
 * The share kit on an instance that allows only private links (`ENABLE_OPEN_SHARING=false`):
 * the hook says so, the dialog offers only "Only people I invite" (preselected), and creating
 * a link works; nothing the server would refuse is offered.
 */
import type { ChatshareClient } from '@chatshare/client';
import { cleanup, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useShareConversation } from '../../src/index.js';
import { allowedPrivacyLevels } from '../../src/share/index.js';
import { dialog, renderPage } from './helpers/harness.js';
import { makeConversation, ownerClient, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let owner: ChatshareClient;
beforeAll(async () => {
  server = await startServer({ ENABLE_OPEN_SHARING: 'false' });
  owner = await ownerClient(server.baseUrl);
});
afterAll(() => server.close());
afterEach(cleanup);

describe('an instance without open sharing', () => {
  it('derives the allowed levels from the instance settings', () => {
    expect(allowedPrivacyLevels({ openSharing: false })).toEqual(['private']);
    expect(allowedPrivacyLevels({ openSharing: true })).toEqual(['public', 'unlisted', 'private']);
    expect(allowedPrivacyLevels(null)).toEqual(['public', 'unlisted', 'private']);
  });

  it('tells a custom UI that only private links are allowed', async () => {
    const { id } = await makeConversation(owner, 'Private only');
    const { result } = renderHook(() => useShareConversation(owner, id));
    await waitFor(() => expect(result.current.allowedPrivacy).toEqual(['private']));
  });

  it('offers only private links in the dialog, preselected, and creates one', async () => {
    const { id } = await makeConversation(owner, 'Team notes');
    const user = userEvent.setup();
    renderPage({ client: owner, conversationId: id, title: 'Team notes' });
    await user.click(screen.getByRole('button', { name: 'Open share dialog' }));
    const create = await within(dialog()).findByRole('button', { name: 'Create link' });
    const radios = within(dialog()).getAllByRole<HTMLInputElement>('radio');
    expect(radios.map((radio) => radio.value)).toEqual(['private']);
    expect(radios[0]!.checked).toBe(true);
    expect(within(dialog()).queryByRole('radio', { name: 'Public' })).toBeNull();
    expect(within(dialog()).queryByRole('radio', { name: 'Anyone with the link' })).toBeNull();
    expect(screen.getByText('This server allows only the kinds of link shown here.')).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: 'Email addresses that may open the link' }), 'ana@example.com');
    await user.click(create);
    await within(dialog()).findByRole('textbox', { name: 'Link' });
    expect(screen.queryByRole('alert')).toBeNull();
    const share = await owner.shares.forConversation(id);
    expect(share.settings).toMatchObject({ privacy: 'private', allowedEmails: ['ana@example.com'] });
    // The live link's settings offer the same single level.
    expect(
      within(dialog())
        .getAllByRole<HTMLInputElement>('radio')
        .map((radio) => radio.value),
    ).toEqual(['private']);
  });
});
