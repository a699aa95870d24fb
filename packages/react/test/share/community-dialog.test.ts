// @vitest-environment jsdom
/**
 * "Publish to community" in the share dialog, against a real server: shown only when there is
 * a community to publish to, secrets named before anything leaves, the tab opened at the
 * community's /publish with its opener kept.
 */
import type { ChatshareClient } from '@chatshare/client';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ShareDialog } from '../../src/index.js';
import { dialog } from './helpers/harness.js';
import { makeConversation, OPENAI_KEY, ownerClient, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let owner: ChatshareClient;
beforeAll(async () => {
  server = await startServer();
  owner = await ownerClient(server.baseUrl);
});
afterAll(() => server.close());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function renderDialog(
  communityUrl: string | null | undefined,
  options: { secret?: boolean; client?: ChatshareClient } = {},
) {
  const client = options.client ?? owner;
  const { id } = await makeConversation(client, 'Trip planning', options);
  render(
    createElement(ShareDialog, {
      client,
      conversationId: id,
      open: true,
      onClose: () => undefined,
      ...(communityUrl !== undefined ? { communityUrl } : {}),
    }),
  );
  // With a secret, the scan's choice stands where "Create link" would.
  await within(dialog()).findByRole('button', { name: options.secret ? 'Redact and share' : 'Create link' });
}

describe('Publish to community', () => {
  it('is not offered when the app says there is no community, nor when the server says so', async () => {
    await renderDialog(null);
    expect(within(dialog()).queryByRole('heading', { name: 'Publish to community' })).toBeNull();
    cleanup();
    // No prop: the dialog asks GET /api/v1/config, which says community sharing is off here.
    // A client of its own, since the answer is kept per client.
    const other = await ownerClient(server.baseUrl);
    const config = vi.spyOn(other, 'config');
    await renderDialog(undefined, { client: other });
    await vi.waitFor(() => expect(config).toHaveBeenCalled());
    await expect(config.mock.results[0]!.value).resolves.toMatchObject({ communitySharing: { enabled: false } });
    expect(within(dialog()).queryByRole('heading', { name: 'Publish to community' })).toBeNull();
  });

  it('names the secrets first, replaces them on request, then opens the community page keeping the opener', async () => {
    const user = userEvent.setup();
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const snapshot = vi.spyOn(owner.conversations, 'snapshot');
    await renderDialog('https://community.example.com', { secret: true });
    const box = within(dialog());
    expect(box.getByRole('heading', { name: 'Publish to community' })).toBeTruthy();
    expect(snapshot).not.toHaveBeenCalled();

    await user.click(box.getByRole('button', { name: 'Publish to community' }));
    await box.findByText('1 possible secret would be sent:');
    expect(box.getByText('The copy holds 2 messages, as a link would show it.')).toBeTruthy();
    // The dialog's own scan names it too; this is the community section's list.
    const community = within(screen.getByRole('region', { name: 'Publish to community' }));
    expect(community.getByText(/sk-p/)).toBeTruthy();
    await user.click(box.getByLabelText('Replace possible secrets before sending'));
    await box.findByText('1 possible secret is replaced in the shared copy.');
    expect(snapshot).toHaveBeenLastCalledWith(expect.any(String), { redact: true, showAuthor: false });
    const last = await snapshot.mock.results.at(-1)!.value;
    expect(JSON.stringify(last.snapshot)).not.toContain(OPENAI_KEY);

    await user.click(box.getByRole('button', { name: 'Continue on community.example.com' }));
    // No `noopener` in the features: the page answers through window.opener.
    expect(open).toHaveBeenCalledWith('https://community.example.com/publish', '_blank');
    await box.findByText('The browser blocked the new tab. Allow pop-ups for this site and try again.');
    expect(screen.getByRole('alert').textContent).toContain('blocked');
  });
});
