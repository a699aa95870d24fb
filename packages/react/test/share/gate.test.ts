// @vitest-environment jsdom
import type { ChatshareClient } from '@chatshare/client';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PasswordGate, ShareI18nProvider } from '../../src/index.js';
import './helpers/harness.js';
import { contentOf } from '../../../client/test/helpers/content.js';
import { makeConversation, ownerClient, startServer, visitorClient, type TestServer } from './helpers/server.js';

let server: TestServer;
let owner: ChatshareClient;
beforeAll(async () => {
  server = await startServer();
  owner = await ownerClient(server.baseUrl);
});
afterAll(() => server.close());
afterEach(cleanup);

async function lockedLink() {
  const { id } = await makeConversation(owner, 'Behind a password');
  return (await owner.shares.create({ conversationId: id, password: 'right horse' })).shortCode;
}

describe('PasswordGate', () => {
  it('asks for a password, reports a wrong one, and unlocks the link with the right one', async () => {
    const code = await lockedLink();
    const visitor = visitorClient(server.baseUrl);
    const onUnlock = vi.fn();
    const onError = vi.fn();
    const user = userEvent.setup();
    render(createElement(PasswordGate, { client: visitor, code, onUnlock, onError }));
    const field = screen.getByLabelText<HTMLInputElement>('Password');

    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the password.');

    await user.type(field, 'wrong horse{Enter}');
    expect(await screen.findByText('That password is not right.')).toBeTruthy();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'wrong_password' }));
    expect(field.value).toBe('');
    expect(document.activeElement).toBe(field);
    expect(onUnlock).not.toHaveBeenCalled();

    await user.type(field, 'right horse');
    await user.click(screen.getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(onUnlock).toHaveBeenCalledTimes(1));
    expect(screen.getByRole('status').textContent).toBe('Unlocked.');
    expect(contentOf(await visitor.shared.get(code)).title).toBe('Behind a password');
  });

  it('speaks German with the German locale', async () => {
    const code = await lockedLink();
    const user = userEvent.setup();
    render(
      createElement(
        ShareI18nProvider,
        { locale: 'de' },
        createElement(PasswordGate, { client: visitorClient(server.baseUrl), code }),
      ),
    );
    expect(screen.getByText('Diese Unterhaltung ist mit einem Passwort geschützt.')).toBeTruthy();
    await user.type(screen.getByLabelText('Passwort'), 'falsch{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('Das Passwort stimmt nicht.');
  });
});
