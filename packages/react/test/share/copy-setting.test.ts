// @vitest-environment jsdom
import type { ChatshareClient } from '@chatshare/client';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initialShareForm, shareFormChanges, shareFormInput } from '../../src/index.js';
import { buildShareSettings } from './helpers/build-settings.js';
import { dialog, renderPage } from './helpers/harness.js';
import { makeConversation, ownerClient, startServer, type TestServer } from './helpers/server.js';

afterEach(() => cleanup());

describe('the "Allow saving a copy" setting', () => {
  it('follows the privacy default until the owner chooses, and then sends only the choice', () => {
    const fresh = initialShareForm(null);
    expect(fresh.allowCopy).toBeNull();
    expect(shareFormInput(fresh)).not.toHaveProperty('allowCopy');
    expect(shareFormInput({ ...fresh, allowCopy: false })).toMatchObject({ allowCopy: false });
    const current = buildShareSettings({ allowCopy: false, copyAllowed: false });
    expect(initialShareForm(current).allowCopy).toBe(false);
    expect(shareFormChanges(initialShareForm(current), current)).toEqual({});
    expect(shareFormChanges({ ...initialShareForm(current), allowCopy: true }, current)).toEqual({ allowCopy: true });
  });

  describe('in the dialog', () => {
    let server: TestServer;
    let owner: ChatshareClient;
    beforeAll(async () => {
      server = await startServer();
      owner = await ownerClient(server.baseUrl);
    });
    afterAll(() => server.close());

    it('is ticked for unlisted links, unticked for private ones, and saved as the owner leaves it', async () => {
      const { id } = await makeConversation(owner, 'Copy settings');
      const user = userEvent.setup();
      renderPage({ client: owner, conversationId: id, title: 'Copy settings' });
      await user.click(screen.getByRole('button', { name: 'Open share dialog' }));
      const box = await within(dialog()).findByRole<HTMLInputElement>('checkbox', { name: /Allow saving a copy/ });
      expect(box.checked).toBe(true);
      await user.click(screen.getByRole('radio', { name: 'Only people I invite' }));
      expect(within(dialog()).getByRole<HTMLInputElement>('checkbox', { name: /Allow saving a copy/ }).checked).toBe(
        false,
      );
      await user.click(screen.getByRole('radio', { name: 'Anyone with the link' }));
      await user.click(within(dialog()).getByRole('checkbox', { name: /Allow saving a copy/ }));
      await user.click(screen.getByRole('button', { name: 'Create link' }));
      await within(dialog()).findByRole('textbox', { name: 'Link' });
      const share = await owner.shares.forConversation(id);
      expect(share.settings).toMatchObject({ privacy: 'unlisted', allowCopy: false, copyAllowed: false });
    });
  });

  describe('on an instance without copies', () => {
    let server: TestServer;
    let owner: ChatshareClient;
    beforeAll(async () => {
      server = await startServer({ ENABLE_COPIES: 'false' });
      owner = await ownerClient(server.baseUrl);
    });
    afterAll(() => server.close());

    it('is not offered', async () => {
      const { id } = await makeConversation(owner, 'No copies here');
      const user = userEvent.setup();
      renderPage({ client: owner, conversationId: id, title: 'No copies here' });
      await user.click(screen.getByRole('button', { name: 'Open share dialog' }));
      await within(dialog()).findByRole('button', { name: 'Create link' });
      await within(dialog()).findByRole('checkbox', { name: /Allow embedding/ });
      await waitFor(() => expect(within(dialog()).queryByRole('checkbox', { name: /Allow saving a copy/ })).toBeNull());
    });
  });
});
