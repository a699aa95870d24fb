// @vitest-environment jsdom
import type { ChatshareClient } from '@chatshare/client';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contentOf } from '../../../client/test/helpers/content.js';
import { dialog, renderPage } from './helpers/harness.js';
import { OPENAI_KEY, ownerClient, startServer, visitorClient, type TestServer } from './helpers/server.js';

let server: TestServer;
let owner: ChatshareClient;
beforeAll(async () => {
  server = await startServer();
  owner = await ownerClient(server.baseUrl);
});
afterAll(() => server.close());
afterEach(cleanup);

const text = (value: string) => [{ type: 'text' as const, text: value }];

/** Four messages on the current branch, and a second answer to the first question on another. */
const makeTree = (title: string, lastText = 'Fourth: thanks') =>
  owner.conversations.create({
    title,
    messages: [
      { id: 'q1', parentId: null, role: 'user', parts: text('First: what is a monad?') },
      { id: 'a1', parentId: 'q1', role: 'assistant', parts: text('Second: a monoid in endofunctors') },
      { id: 'q2', parentId: 'a1', role: 'user', parts: text('Third: simpler please') },
      { id: 'a2', parentId: 'q2', role: 'assistant', parts: text(lastText) },
      { id: 'a1b', parentId: 'q1', role: 'assistant', parts: text('Other branch: a burrito') },
    ],
    currentLeafId: 'a2',
  });

const sharedTexts = async (conversationId: string) => {
  const share = await owner.shares.forConversation(conversationId);
  const shared = contentOf(await visitorClient(server.baseUrl).shared.get(share.shortCode));
  return shared.messages.map((message) => message.parts.map((part) => ('text' in part ? part.text : '')).join(''));
};

const select = (name: string) => within(dialog()).getByRole<HTMLSelectElement>('combobox', { name });
const preview = () => within(dialog()).getByRole('list', { name: 'What the link shows' });

async function open(conversationId: string, leafMessageId?: string) {
  const user = userEvent.setup();
  renderPage({ client: owner, conversationId, ...(leafMessageId ? { leafMessageId } : {}) });
  await user.click(screen.getByRole('button', { name: 'Open share dialog' }));
  await within(dialog()).findByRole('combobox', { name: 'From' });
  return user;
}

describe('choosing what to share in the dialog', () => {
  it('shares one exchange of the branch, shows it before, and keeps it on "Update link"', async () => {
    const { id } = await makeTree('One exchange');
    const user = await open(id);
    expect(screen.getByText('The link shows 4 of 4 messages:')).toBeTruthy();
    await user.selectOptions(select('From'), '2');
    await user.selectOptions(select('To'), '4');
    expect(screen.getByText('The link shows 2 of 4 messages:')).toBeTruthy();
    expect(
      within(preview())
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['You Third: simpler please', 'Assistant Fourth: thanks']);
    await user.click(within(dialog()).getByRole('button', { name: 'Create link' }));
    await within(dialog()).findByRole('textbox', { name: 'Link' });
    expect(await sharedTexts(id)).toEqual(['Third: simpler please', 'Fourth: thanks']);

    // The chat goes on; the reopened dialog shows the remembered range, and updating keeps it.
    await owner.conversations.appendMessages(id, [{ role: 'user', parts: text('Fifth: one more') }]);
    cleanup();
    const again = await open(id);
    expect(select('From').value).toBe('2');
    expect(select('To').value).toBe('4');
    expect(screen.getByText('The link shows 2 of 5 messages:')).toBeTruthy();
    await again.click(within(dialog()).getByRole('button', { name: 'Update link' }));
    await screen.findByText('Link updated. It shows the chosen messages as they are now.');
    expect(await sharedTexts(id)).toEqual(['Third: simpler please', 'Fourth: thanks']);
  });

  it('starts with the branch on screen and can move a live link to another branch', async () => {
    const { id } = await makeTree('Two branches');
    const user = await open(id, 'a1b');
    expect(select('Branch').selectedOptions[0]!.textContent).toBe('Branch 2 of 2: Other branch: a burrito');
    expect(screen.getByText('The link shows 2 of 2 messages:')).toBeTruthy();
    await user.click(within(dialog()).getByRole('button', { name: 'Create link' }));
    await within(dialog()).findByRole('textbox', { name: 'Link' });
    expect(await sharedTexts(id)).toEqual(['First: what is a monad?', 'Other branch: a burrito']);

    await user.selectOptions(select('Branch'), '0');
    expect(screen.getByText('The link shows 4 of 4 messages:')).toBeTruthy();
    await user.click(within(dialog()).getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Changes saved.');
    expect(await sharedTexts(id)).toHaveLength(4);
    expect((await owner.shares.forConversation(id)).settings.selection).toEqual({
      leafMessageId: 'a2',
      start: 0,
      end: null,
    });
  });

  it('scans exactly the chosen messages: a secret outside them asks nothing, inside them it does', async () => {
    const { id } = await makeTree('A key at the end', `Fourth: use ${OPENAI_KEY}`);
    const user = await open(id);
    await within(dialog()).findByRole('region', { name: 'This may contain secrets' });
    await user.selectOptions(select('To'), '2');
    await waitFor(() =>
      expect(within(dialog()).queryByRole('region', { name: 'This may contain secrets' })).toBeNull(),
    );
    await user.click(within(dialog()).getByRole('button', { name: 'Create link' }));
    await within(dialog()).findByRole('textbox', { name: 'Link' });
    expect(await sharedTexts(id)).toEqual(['First: what is a monad?', 'Second: a monoid in endofunctors']);
  });
});

describe('updating a live link', () => {
  it('asks before "Update link" publishes a secret the link does not show yet, and nothing changes until then', async () => {
    const { id } = await makeTree('A key later');
    const user = await open(id);
    await user.click(within(dialog()).getByRole('button', { name: 'Create link' }));
    await within(dialog()).findByRole('textbox', { name: 'Link' });
    await owner.conversations.appendMessages(id, [{ role: 'user', parts: text(`Fifth: my key ${OPENAI_KEY}`) }]);

    await user.click(within(dialog()).getByRole('button', { name: 'Update link' }));
    const choice = await within(dialog()).findByRole('region', { name: 'This may contain secrets' });
    expect(choice.textContent).toContain('in message 5');
    expect(within(dialog()).queryByRole('alert')).toBeNull();
    expect(await sharedTexts(id)).toHaveLength(4);

    await user.click(within(choice).getByRole('button', { name: 'Redact and update' }));
    await screen.findByText('Link updated. It shows the chosen messages as they are now.');
    const shown = await sharedTexts(id);
    expect(shown).toHaveLength(5);
    expect(shown.join(' ')).not.toContain(OPENAI_KEY);
    expect(within(dialog()).queryByRole('region', { name: 'This may contain secrets' })).toBeNull();
  });
});
