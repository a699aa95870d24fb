import type { Share } from '@chatshare/client';
import { createClient } from '@chatshare/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/exit-codes.js';
import { boundCli, type BoundCli } from './helpers/cli.js';
import { createAccount, startServer, type TestAccount, type TestServer } from './helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

async function signedIn(): Promise<{ cli: BoundCli; account: TestAccount }> {
  const account = await createAccount(server);
  const cli = await boundCli({ CHATSHARE_URL: server.url, CHATSHARE_TOKEN: account.token });
  return { cli, account };
}

async function shareOne(account: TestAccount, title: string) {
  const conversation = await account.client.conversations.create({
    title,
    messages: [{ id: 'a', parentId: null, role: 'user', parts: [{ type: 'text', text: `About ${title}` }] }],
  });
  return account.client.shares.create({ conversationId: conversation.id });
}

const anonymous = () => createClient({ baseUrl: server.url });

describe('chatshare rotate', () => {
  it('rotates a link by code: prints the new link, and the old code is a 404 at once', async () => {
    const { cli, account } = await signedIn();
    const share = await shareOne(account, 'Turn me over');

    const result = await cli(['rotate', share.shortCode]);
    expect(result.code).toBe(EXIT.ok);
    const newUrl = result.stdout.trim();
    expect(result.stdout).toBe(`${newUrl}\n`);
    expect(newUrl).toMatch(new RegExp(`^${server.url}/s/[0-9A-Za-z]{12}$`));
    expect(newUrl).not.toBe(share.shareUrl);
    const newCode = newUrl.split('/').at(-1)!;

    await expect(anonymous().shared.get(share.shortCode)).rejects.toMatchObject({ status: 404 });
    await expect(anonymous().shared.get(newCode)).resolves.toMatchObject({ title: 'Turn me over' });
    await cli.cleanup();
  });

  it('rotates a link given as its URL, with --json', async () => {
    const { cli, account } = await signedIn();
    const share = await shareOne(account, 'By URL');
    const result = await cli(['rotate', share.shareUrl, '--json']);
    expect(result.code).toBe(EXIT.ok);
    const rotated = JSON.parse(result.stdout) as Share;
    expect(rotated).toMatchObject({ settings: { id: share.settings.id, status: 'live' } });
    expect(rotated.shortCode).not.toBe(share.shortCode);
    await expect(anonymous().shared.get(share.shortCode)).rejects.toMatchObject({ status: 404 });
    await expect(anonymous().shared.get(rotated.shortCode)).resolves.toMatchObject({ title: 'By URL' });
    await cli.cleanup();
  });

  it("gives exit 4 for a code that is not one of mine and leaves another user's link alone", async () => {
    const { cli } = await signedIn();
    const theirs = await shareOne(await createAccount(server), 'Not yours');
    const result = await cli(['rotate', theirs.shortCode]);
    expect(result.code).toBe(EXIT.notFound);
    expect(result.stderr).toBe(`error: none of your links has the code ${theirs.shortCode} (share_not_found)\n`);
    await expect(anonymous().shared.get(theirs.shortCode)).resolves.toMatchObject({ title: 'Not yours' });
    await cli.cleanup();
  });

  it('refuses a revoked link with share_revoked and exit 1, and a bad argument as a usage error', async () => {
    const { cli, account } = await signedIn();
    const share = await shareOne(account, 'Gone');
    await account.client.shares.revoke(share.settings.id);
    const result = await cli(['rotate', share.shortCode]);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stderr).toMatch(/\(share_revoked\)\n$/);
    for (const args of [[], ['not a code!']]) {
      const usage = await cli(['rotate', ...args]);
      expect(usage.code).toBe(EXIT.usage);
      expect(usage.stderr).toContain('(usage_error)');
    }
    await cli.cleanup();
  });
});
