import type { Share } from '@chatshare/client';
import { createClient } from '@chatshare/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/exit-codes.js';
import { boundCli, CONTROL_CHARACTERS, type BoundCli } from './helpers/cli.js';
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

async function shareOne(
  account: TestAccount,
  title: string,
  settings: Partial<Parameters<TestAccount['client']['shares']['create']>[0]> = {},
) {
  const conversation = await account.client.conversations.create({
    title,
    messages: [{ id: 'a', parentId: null, role: 'user', parts: [{ type: 'text', text: `About ${title}` }] }],
  });
  return account.client.shares.create({ conversationId: conversation.id, ...settings });
}

const anonymous = () => createClient({ baseUrl: server.url });

describe('chatshare list', () => {
  it('shows my links as a table, every page of them', async () => {
    const { cli, account } = await signedIn();
    const locked = await shareOne(account, 'Locked one', { password: 'pw', maxViews: 10 });
    // More links than one page of the API (100), so the CLI has to follow the cursor.
    for (let i = 0; i < 104; i++) await shareOne(account, `Filler ${String(i).padStart(3, '0')}`);

    const result = await cli(['list']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).not.toMatch(CONTROL_CHARACTERS);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^CODE\s+PRIVACY\s+FLAGS\s+VIEWS\s+TITLE\s+URL$/);
    expect(rows).toHaveLength(105);
    const row = rows.find((line) => line.startsWith(locked.shortCode));
    expect(row).toMatch(
      new RegExp(`^${locked.shortCode}\\s+unlisted\\s+password\\s+0/10\\s+Locked one\\s+${locked.shareUrl}$`),
    );

    const json = await cli(['list', '--json', '--search', 'locked']);
    expect(json.code).toBe(EXIT.ok);
    expect((JSON.parse(json.stdout) as Share[]).map((share) => share.shortCode)).toEqual([locked.shortCode]);

    const sorted = await cli(['list', '--json', '--sort', 'title']);
    const titles = (JSON.parse(sorted.stdout) as Share[]).map((share) => share.settings.title);
    expect(titles[0]).toBe('Filler 000');
    expect(titles.at(-1)).toBe('Locked one');
    await cli.cleanup();
  });

  it('says so when there are no links', async () => {
    const { cli } = await signedIn();
    const result = await cli(['list']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('no links yet');
    await cli.cleanup();
  });
});

describe('chatshare revoke', () => {
  it('revokes a link by code: the next request is a 404, and list --all still shows it', async () => {
    const { cli, account } = await signedIn();
    const share = await shareOne(account, 'Short lived');
    await expect(anonymous().shared.get(share.shortCode)).resolves.toMatchObject({ title: 'Short lived' });

    const result = await cli(['revoke', share.shortCode]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toBe(`revoked ${share.shareUrl}\n`);
    await expect(anonymous().shared.get(share.shortCode)).rejects.toMatchObject({ status: 404 });

    expect((await cli(['list'])).stdout).not.toContain(share.shortCode);
    const all = await cli(['list', '--all']);
    expect(all.stdout).toMatch(new RegExp(`^${share.shortCode}\\s+unlisted\\s+revoked\\s`, 'm'));

    const again = await cli(['revoke', share.shortCode]);
    expect(again.code).toBe(EXIT.ok);
    expect(again.stdout).toContain('already revoked');
    await cli.cleanup();
  });

  it('revokes a link given as its URL', async () => {
    const { cli, account } = await signedIn();
    const share = await shareOne(account, 'By URL');
    const result = await cli(['revoke', `${share.shareUrl}.md`, '--json']);
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toMatchObject({ shortCode: share.shortCode, settings: { status: 'revoked' } });
    await expect(anonymous().shared.get(share.shortCode)).rejects.toMatchObject({ status: 404 });
    await cli.cleanup();
  });

  it("gives exit 4 for a code that is not one of mine, and leaves another user's link alone", async () => {
    const { cli } = await signedIn();
    const other = await createAccount(server);
    const theirs = await shareOne(other, 'Not yours');
    for (const code of [theirs.shortCode, 'AAAAAAAAAAAA']) {
      const result = await cli(['revoke', code]);
      expect(result.code).toBe(EXIT.notFound);
      expect(result.stderr).toBe(`error: none of your links has the code ${code} (share_not_found)\n`);
    }
    await expect(anonymous().shared.get(theirs.shortCode)).resolves.toMatchObject({ title: 'Not yours' });
    await cli.cleanup();
  });

  it('revokes all links with --all --yes, and refuses --all without --yes off a terminal', async () => {
    const { cli, account } = await signedIn();
    const shares = [await shareOne(account, 'One'), await shareOne(account, 'Two')];

    const unconfirmed = await cli(['revoke', '--all']);
    expect(unconfirmed.code).toBe(EXIT.usage);
    expect(unconfirmed.stderr).toContain('--yes');
    await expect(anonymous().shared.get(shares[0]!.shortCode)).resolves.toBeTruthy();

    const result = await cli(['revoke', '--all', '--yes']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toBe('revoked 2 links\n');
    for (const share of shares) {
      await expect(anonymous().shared.get(share.shortCode)).rejects.toMatchObject({ status: 404 });
    }
    await cli.cleanup();
  });

  it.each([[[]], [['abc', '--all']], [['not a code!']]])('refuses revoke %j as a usage error', async (args) => {
    const { cli } = await signedIn();
    const result = await cli(['revoke', ...args]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/\(usage_error\)\n$/);
    await cli.cleanup();
  });
});
