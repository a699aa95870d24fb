/**
 * The server run from source as a real child process, so a fault that would end the process
 * shows up as an exit, and a few fetch helpers for talking to it.
 */
import { buildConversation } from '../helpers/api.js';
import { startServerProcess as startProcess, type ServerProcess } from '../helpers/server-process.js';

export type { ServerProcess };

/** The server on a free port with a throwaway DATA_DIR, once /readyz answers. */
export const startServerProcess = (env: Record<string, string>): Promise<ServerProcess> =>
  startProcess({
    entry: 'source',
    tempDataDir: 'chatshare-fault-',
    env: ({ base, dataDir }) => ({
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DATA_DIR: dataDir!,
      LOG_LEVEL: 'warn',
      ...env,
    }),
    readyPath: '/readyz',
    timeoutMs: 30_000,
  });

/** A user with an API token, a conversation and an unlisted share of it, made over HTTP. */
export async function seedShare(base: string): Promise<{ token: string; code: string }> {
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `owner-${Date.now()}@example.com`, password: 'correct horse battery' }),
  });
  if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${await signup.text()}`);
  const cookie = signup.headers
    .getSetCookie()
    .find((line) => line.startsWith('cs_session='))!
    .split(';')[0]!;
  const tokenResponse = await fetch(`${base}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: base },
    body: JSON.stringify({ name: 'faults' }),
  });
  if (tokenResponse.status !== 201) throw new Error(`token: ${tokenResponse.status} ${await tokenResponse.text()}`);
  const { token } = (await tokenResponse.json()) as { token: string };
  const conversation = await createConversation(base, token);
  if (conversation.status !== 201) throw new Error(`conversation: ${conversation.status} ${await conversation.text()}`);
  const { id } = (await conversation.json()) as { id: string };
  const share = await fetch(`${base}/api/v1/shares`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ conversationId: id, privacy: 'unlisted' }),
  });
  if (share.status !== 201 && share.status !== 200) throw new Error(`share: ${share.status} ${await share.text()}`);
  const { shortCode } = (await share.json()) as { shortCode: string };
  return { token, code: shortCode };
}

let created = 0;

/** Creates a conversation with content of its own (the same content twice would be a re-import). */
export const createConversation = (base: string, token: string) =>
  fetch(`${base}/api/v1/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(
      buildConversation({
        messages: [
          {
            id: 'u-1',
            parentId: null,
            role: 'user',
            parts: [{ type: 'text', text: `Question ${++created} ${Date.now()}` }],
          },
          { id: 'a-1', parentId: 'u-1', role: 'assistant', parts: [{ type: 'text', text: 'An answer.' }] },
        ],
        currentLeafId: 'a-1',
      }),
    ),
  });
