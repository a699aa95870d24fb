// @vitest-environment jsdom
import type { Share } from '@chatshare/client';
import { cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShareLinkPanel } from '../../src/share/ShareLinkPanel.js';
import { buildShareSettings } from './helpers/build-settings.js';

afterEach(cleanup);

/** A share as the API presents it; only `policies` matters here. */
const share = (policies: Share['policies']): Share => ({
  shareUrl: 'https://chat.example/s/abcdefghijkl',
  shortCode: 'abcdefghijkl',
  warnings: [],
  policies,
  settings: buildShareSettings({ viewCount: 3 }),
});

const panel = (policies: Share['policies']) =>
  render(
    createElement(ShareLinkPanel, {
      share: share(policies),
      pending: null,
      onCopy: vi.fn(async () => 'copied' as const),
      onRefresh: vi.fn(),
      confirmingStop: false,
      onAskStop: vi.fn(),
      onCancelStop: vi.fn(),
      onConfirmStop: vi.fn(),
    }),
  );

describe('the link panel', () => {
  it('offers "Update link" and "Stop sharing" only when the policies allow them', () => {
    panel({ read: true, update: true, revoke: true });
    expect(screen.getByRole('button', { name: 'Update link' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stop sharing' })).toBeTruthy();
    cleanup();

    panel({ read: true, update: false, revoke: false });
    expect(screen.queryByRole('button', { name: 'Update link' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop sharing' })).toBeNull();
    // Reading the link is always possible for whoever sees the panel.
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
    expect(screen.getByText('Opened 3 times')).toBeTruthy();
  });
});
