// An outside app's use of the three libraries, type-checked against their installed .d.ts
// (NodeNext, skipLibCheck off) and then run by plain Node: no bundler, no TypeScript loader.
import { importConversations, LIMITS, type Conversation } from '@chatshare/core';
import { createClient, isChatshareError, type Share } from '@chatshare/client';
import { ConversationView, ShareDialog, type ShareDialogProps, type ViewConversation } from '@chatshare/react';
import { renderToString } from 'react-dom/server';

const { conversations } = importConversations(
  [
    { role: 'user', content: 'What is **a monad**?' },
    { role: 'assistant', content: 'Roughly $x^2$ and `code`:\n\n```js\nconst x = 1;\n```' },
  ],
  { now: new Date('2026-01-01T00:00:00Z') },
);
const draft: Omit<Conversation, 'id'> = conversations[0]!;
const view: ViewConversation = { title: draft.title, messages: draft.messages };
const page = renderToString(<ConversationView conversation={view} />);

const client = createClient({ baseUrl: 'http://127.0.0.1:9' });
const props: ShareDialogProps = { client, conversationId: 'c1', open: true, onClose: () => undefined };
const dialog = renderToString(<ShareDialog {...props} />);
const noShare: Share | null = null;

console.log(
  JSON.stringify({
    page,
    dialog,
    titleLimit: LIMITS.titleLength,
    isError: isChatshareError(new Error('x')),
    noShare,
  }),
);
