/** Links made the way a user makes them: through the public API, with an API token. */
import type { benchConversation } from './conversation.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

async function post<T>(url: string, headers: Record<string, string>, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Signs up a fresh account and returns a function that shares a conversation as an unlisted link (its page path). */
export async function sharer(base: string, email = 'bench@example.com') {
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ email, password: 'a long bench password' }),
  });
  if (!signup.ok) throw new Error(`signup: ${signup.status} ${await signup.text()}`);
  const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
  const { token } = await post<{ token: string }>(`${base}/api/v1/tokens`, { cookie, origin: base }, { name: 'bench' });
  const auth = { authorization: `Bearer ${token}` };
  return async (conversation: ReturnType<typeof benchConversation>): Promise<string> => {
    const { id } = await post<{ id: string }>(`${base}/api/v1/conversations`, auth, conversation);
    const share = await post<{ shortCode: string }>(`${base}/api/v1/shares`, auth, {
      conversationId: id,
      privacy: 'unlisted',
    });
    return `/s/${share.shortCode}`;
  };
}
