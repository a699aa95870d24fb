// @vitest-environment jsdom
import type { ChatshareClient } from '@chatshare/client';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PasswordGate } from '../../src/index.js';
import { dialog, renderPage } from './helpers/harness.js';
import { makeConversation, ownerClient, startServer, visitorClient, type TestServer } from './helpers/server.js';

let server: TestServer;
let owner: ChatshareClient;
beforeAll(async () => {
  server = await startServer();
  owner = await ownerClient(server.baseUrl);
});
afterAll(() => server.close());
afterEach(cleanup);

// jsdom has no CSS.escape, which user-event uses to walk a radio group with the arrow keys.
const view = document.defaultView as (Window & { CSS?: { escape?: (value: string) => string } }) | null;
if (view && !view.CSS?.escape) {
  view.CSS = { ...view.CSS, escape: (value: string) => value.replace(/[^\w-]/g, (char) => `\\${char}`) };
}

/** Serious and critical axe findings in `element` (all of them are printed if any). */
async function seriousViolations(element: Element) {
  const result = await axe.run(element, {
    // jsdom does no layout or painting, so axe cannot compute colour contrast here; the
    // colours are checked in share.css (and by the browser tests of the owner app).
    rules: { 'color-contrast': { enabled: false } },
  });
  const serious = result.violations.filter((item) => item.impact === 'serious' || item.impact === 'critical');
  return serious.map((item) => `${item.id}: ${item.help} (${item.nodes.map((node) => node.html).join(' | ')})`);
}

async function openDialog(options: { secret?: boolean } = {}) {
  const { id } = await makeConversation(owner, 'Accessible', options);
  const user = userEvent.setup();
  renderPage({ client: owner, conversationId: id, title: 'Accessible' });
  await user.click(screen.getByRole('button', { name: 'Open share dialog' }));
  // A conversation with a secret gets the choice in place of "Create link".
  await within(dialog()).findByRole('button', { name: options.secret ? 'Redact and share' : 'Create link' });
  return user;
}

/** A readable name for the focused element, to compare Tab orders. */
function describeFocus(): string {
  const element = document.activeElement as HTMLElement | null;
  if (!element || element === document.body) return '<body>';
  const labelledBy = element.getAttribute('aria-labelledby');
  const label =
    element.getAttribute('aria-label') ??
    (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ??
    (element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null) ??
    element.textContent;
  const type = element.getAttribute('type');
  const shown = element instanceof HTMLInputElement || type === 'submit' ? `[${type}]` : '';
  return `${element.tagName.toLowerCase()}${shown}: ${label?.trim()}`;
}

/** Presses Tab until focus comes back to where it started; every stop must be inside the dialog. */
async function tabCycle(user: UserEvent, options: { shift?: boolean } = {}): Promise<string[]> {
  const start = document.activeElement;
  const stops: string[] = [describeFocus()];
  for (let step = 0; step < 40; step += 1) {
    await user.tab({ shift: options.shift ?? false });
    expect(dialog().contains(document.activeElement), `focus left the dialog at ${describeFocus()}`).toBe(true);
    if (document.activeElement === start) return stops;
    stops.push(describeFocus());
  }
  throw new Error(`Tab never came back to the start: ${stops.join(' → ')}`);
}

describe('ShareDialog accessibility', () => {
  it('is a labelled modal dialog with no serious axe violations, before and after sharing', async () => {
    const user = await openDialog();
    const element = dialog();
    expect(element.getAttribute('aria-modal')).toBe('true');
    expect(element.getAttribute('aria-labelledby')).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Share “Accessible”' })).toBe(element);
    expect(await seriousViolations(element)).toEqual([]);

    await user.click(screen.getByRole('radio', { name: 'Only people I invite' }));
    await user.type(screen.getByRole('textbox', { name: /Email addresses/ }), 'nobody');
    await user.click(screen.getByRole('checkbox', { name: 'Require a password' }));
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    expect(screen.getByText('This is not an email address: nobody')).toBeTruthy();
    expect(await seriousViolations(dialog())).toEqual([]);

    await user.clear(screen.getByRole('textbox', { name: /Email addresses/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Require a password' }));
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    await screen.findByRole('textbox', { name: 'Link' });
    await screen.findByRole('img', { name: /^QR code for / });
    expect(await seriousViolations(dialog())).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Stop sharing' }));
    expect(await seriousViolations(dialog())).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Keep sharing' }));

    await user.click(screen.getByRole('button', { name: 'New link' }));
    await screen.findByText('Replace this link with a new one?');
    expect(await seriousViolations(dialog())).toEqual([]);
  });

  it('has no serious axe violations while asking about secrets before sharing, and while warning about a live link', async () => {
    const user = await openDialog({ secret: true });
    await screen.findByRole('region', { name: 'This may contain secrets' });
    expect(await seriousViolations(dialog())).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Share as is' }));
    await screen.findByRole('textbox', { name: 'Link' });
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(screen.getByRole('button', { name: 'Open share dialog' }));
    await screen.findByRole('button', { name: 'Redact' });
    expect(await seriousViolations(dialog())).toEqual([]);
  });

  it('works by keyboard alone: focus moves in, Tab reaches every control and stays inside, Escape returns focus', async () => {
    const { id } = await makeConversation(owner, 'Keyboard');
    const user = userEvent.setup();
    renderPage({ client: owner, conversationId: id });
    await user.tab();
    const opener = screen.getByRole('button', { name: 'Open share dialog' });
    expect(document.activeElement).toBe(opener);
    await user.keyboard('{Enter}');
    await within(dialog()).findByRole('button', { name: 'Create link' });
    expect(dialog().contains(document.activeElement)).toBe(true);

    expect(await tabCycle(user)).toEqual([
      'button: Close',
      'select: From',
      'select: To',
      'input[radio]: Anyone with the link',
      'input[checkbox]: Require a password',
      'select: Link expires',
      'select: Limit views',
      'input[checkbox]: Show my name',
      'input[checkbox]: Allow embedding',
      'input[checkbox]: Allow saving a copy',
      'input[checkbox]: Live link',
      'button[submit]: Create link',
    ]);
    // Backwards wraps too.
    expect((await tabCycle(user, { shift: true })).length).toBe(12);

    // Choose "private" with the arrow keys, type an address, turn on a password, share.
    await user.tab();
    await user.tab();
    await user.tab();
    expect(describeFocus()).toBe('input[radio]: Anyone with the link');
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Only people I invite' }).checked).toBe(true);
    await user.tab();
    expect(describeFocus()).toBe('textarea: Email addresses that may open the link');
    await user.keyboard('ana@example.com');
    await user.tab();
    await user.keyboard(' ');
    await user.tab();
    expect(describeFocus()).toBe('input[password]: Password');
    await user.keyboard('sesame street');
    await user.tab();
    await user.tab();
    await user.tab();
    await user.tab();
    await user.tab();
    // Past "Allow saving a copy" (unticked for a private link until the owner chooses): "Live link".
    await user.tab();
    expect(describeFocus()).toBe('input[checkbox]: Live link');
    await user.tab();
    expect(describeFocus()).toBe('button[submit]: Create link');
    await user.keyboard('{Enter}');
    await screen.findByRole('textbox', { name: 'Link' });

    const shared = await tabCycle(user);
    for (const control of [
      'button: Close',
      'input[text]: Link',
      'button: Copy link',
      'button: Update link',
      'button: New link',
      'button: Stop sharing',
      'select: From',
      'select: To',
      'input[radio]: Only people I invite',
      'textarea: Email addresses that may open the link',
      'input[checkbox]: Require a password',
      'input[password]: Password',
      'select: Link expires',
      'select: Limit views',
      'input[checkbox]: Show my name',
      'input[checkbox]: Allow embedding',
      'input[checkbox]: Allow saving a copy',
      'input[checkbox]: Live link',
      'button[submit]: Save changes',
    ]) {
      expect(shared).toContain(control);
    }

    // Focus that escapes (a script, a click elsewhere) is brought back.
    screen.getByRole('button', { name: 'Somewhere else' }).focus();
    expect(dialog().contains(document.activeElement)).toBe(true);

    // Escape first cancels a confirmation step, then closes the dialog.
    while (describeFocus() !== 'button: Stop sharing') await user.tab();
    await user.keyboard('{Enter}');
    expect(describeFocus()).toBe('button: Keep sharing');
    await user.keyboard('{Escape}');
    expect(screen.queryByText('Stop sharing this conversation?')).toBeNull();
    expect(describeFocus()).toBe('button: Stop sharing');
    while (describeFocus() !== 'button: New link') await user.tab({ shift: true });
    await user.keyboard('{Enter}');
    expect(describeFocus()).toBe('button: Keep this link');
    await user.keyboard('{Escape}');
    expect(screen.queryByText('Replace this link with a new one?')).toBeNull();
    expect(describeFocus()).toBe('button: New link');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});

describe('PasswordGate accessibility', () => {
  it('has a labelled field and announces a wrong password, with no serious axe violations', async () => {
    const { id } = await makeConversation(owner, 'Locked');
    const { shortCode } = await owner.shares.create({ conversationId: id, password: 'right one' });
    const user = userEvent.setup();
    const { container } = render(
      createElement(PasswordGate, { client: visitorClient(server.baseUrl), code: shortCode }),
    );
    expect(await seriousViolations(container)).toEqual([]);
    await user.type(screen.getByLabelText('Password'), 'wrong one{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('That password is not right.');
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(container)).toEqual([]);
  });
});
