/**
 * What the dialog tests render: a page with a button that opens the ShareDialog (as an app
 * would) and another control outside it, so focus can be followed in and out.
 */
import type { ChatshareClient } from '@chatshare/client';
import { configure, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { ShareDialog, ShareI18nProvider } from '../../../src/index.js';

// Every step waits on real HTTP (and scrypt, for passwords), slower than the default second.
configure({ asyncUtilTimeout: 10_000 });

export interface HarnessProps {
  client: ChatshareClient;
  conversationId: string;
  title?: string;
  locale?: string;
  /** The branch the app has on screen. */
  leafMessageId?: string;
}

function Page({ client, conversationId, title, leafMessageId }: HarnessProps) {
  const [open, setOpen] = useState(false);
  return (
    <main>
      <h1>My chat</h1>
      <button type="button" onClick={() => setOpen(true)}>
        Open share dialog
      </button>
      <button type="button">Somewhere else</button>
      <ShareDialog
        client={client}
        conversationId={conversationId}
        conversationTitle={title}
        open={open}
        onClose={() => setOpen(false)}
        {...(leafMessageId ? { leafMessageId } : {})}
      />
    </main>
  );
}

export function renderPage(props: HarnessProps) {
  const page = <Page {...props} />;
  return render(props.locale ? <ShareI18nProvider locale={props.locale}>{page}</ShareI18nProvider> : page);
}

/** The open dialog (fails when none is open). */
export const dialog = () => screen.getByRole('dialog');
