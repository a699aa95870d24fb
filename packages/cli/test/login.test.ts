import { stat, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../src/connection.js';
import { EXIT } from '../src/exit-codes.js';
import { boundCli, runCli, type BoundCli } from './helpers/cli.js';
import { createAccount, startServer, type TestAccount, type TestServer } from './helpers/server.js';

let server: TestServer;
let account: TestAccount;

beforeAll(async () => {
  server = await startServer();
  account = await createAccount(server);
});
afterAll(() => server.close());

async function storedLogin(cli: BoundCli) {
  const file = path.join(cli.configDir, 'config.json');
  return { file, login: JSON.parse(await readFile(file, 'utf8')) as { url: string; token: string; tokenId?: string } };
}

describe('chatshare login', () => {
  it('signs in with the password from stdin and stores a working token in a 0600 file', async () => {
    const cli = await boundCli();
    const result = await cli(['login', '--url', server.url, '--email', account.email, '--password-stdin'], {
      input: `${account.password}\n`,
    });
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain(`signed in to ${server.url} as ${account.email}`);

    const { file, login } = await storedLogin(cli);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(login.url).toBe(server.url);
    expect(login.token).toMatch(/^cs_/);
    const { user } = await clientFor(server.url, login.token).me();
    expect(user.email).toBe(account.email);
    const { items } = await account.client.tokens.list();
    expect(items.map((token) => token.name)).toContainEqual(expect.stringMatching(/^chatshare CLI on /));

    // The stored login is what later commands use.
    const list = await cli(['list']);
    expect(list.code).toBe(EXIT.ok);
    await cli.cleanup();
  });

  it('replaces its own earlier token when signing in again', async () => {
    const cli = await boundCli();
    const args = ['login', '--url', server.url, '--email', account.email, '--password-stdin'];
    expect((await cli(args, { input: account.password })).code).toBe(EXIT.ok);
    const first = (await storedLogin(cli)).login;
    expect((await cli(args, { input: account.password })).code).toBe(EXIT.ok);
    const second = (await storedLogin(cli)).login;
    expect(second.token).not.toBe(first.token);
    await expect(clientFor(server.url, first.token).me()).rejects.toMatchObject({ code: 'invalid_api_token' });
    await cli.cleanup();
  });

  it('refuses a wrong password with exit 3 and stores nothing', async () => {
    const cli = await boundCli();
    const result = await cli(['login', '--url', server.url, '--email', account.email, '--password-stdin'], {
      input: 'not the password',
    });
    expect(result.code).toBe(EXIT.auth);
    expect(result.stderr).toMatch(/^error: .+ \(invalid_credentials\)\n$/);
    await expect(stat(path.join(cli.configDir, 'config.json'))).rejects.toThrow();
    await cli.cleanup();
  });

  it('stores a given token after checking it, and refuses a bad one with exit 3', async () => {
    const cli = await boundCli();
    const good = await cli(['login', '--url', server.url, '--token', account.token, '--json']);
    expect(good.code).toBe(EXIT.ok);
    expect(JSON.parse(good.stdout)).toMatchObject({ url: server.url, email: account.email, tokenCreated: false });
    expect((await storedLogin(cli)).login.token).toBe(account.token);

    const bad = await cli(['login', '--url', server.url, '--token', 'cs_not_a_real_token']);
    expect(bad.code).toBe(EXIT.auth);
    expect(bad.stderr).toMatch(/^error: .+ \(invalid_api_token\)\n$/);
    // The good login is still there.
    expect((await storedLogin(cli)).login.token).toBe(account.token);
    await cli.cleanup();
  });

  it('needs --email and --password-stdin when not on a terminal (usage error, exit 2)', async () => {
    const cli = await boundCli();
    const result = await cli(['login', '--url', server.url]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/^error: .*--password-stdin.* \(usage_error\)\n$/);
    await cli.cleanup();
  });
});

describe('chatshare logout', () => {
  it('forgets the login and revokes the token login created', async () => {
    const cli = await boundCli();
    await cli(['login', '--url', server.url, '--email', account.email, '--password-stdin'], {
      input: account.password,
    });
    const { file, login } = await storedLogin(cli);

    const result = await cli(['logout']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('token revoked');
    await expect(stat(file)).rejects.toThrow();
    await expect(clientFor(server.url, login.token).me()).rejects.toMatchObject({ status: 401 });

    const again = await cli(['logout']);
    expect(again.code).toBe(EXIT.ok);
    expect(again.stdout).toContain('not signed in');
    await cli.cleanup();
  });

  it('leaves a token given to login --token valid', async () => {
    const cli = await boundCli();
    const other = await createAccount(server);
    await cli(['login', '--url', server.url, '--token', other.token]);
    const result = await cli(['logout']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stderr).toContain('was not revoked');
    await expect(other.client.me()).resolves.toMatchObject({ user: { email: other.email } });
    await cli.cleanup();
  });
});

describe('signing in for other commands', () => {
  it('gives exit 3 and a readable message for a bad token', async () => {
    const result = await runCli(['list', '--url', server.url, '--token', 'cs_wrong']);
    expect(result.code).toBe(EXIT.auth);
    expect(result.stderr).toMatch(/^error: The API token is not valid or was revoked\. \(invalid_api_token\)\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('gives exit 3 before any request when there is no token at all', async () => {
    const cli = await boundCli();
    const result = await cli(['list', '--url', server.url]);
    expect(result.code).toBe(EXIT.auth);
    expect(result.stderr).toContain('(not_signed_in)');
    await cli.cleanup();
  });

  it('takes the token from CHATSHARE_TOKEN and the server from CHATSHARE_URL', async () => {
    const result = await runCli(['list', '--json'], {
      env: { CHATSHARE_URL: server.url, CHATSHARE_TOKEN: account.token },
    });
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toEqual(expect.any(Array));
  });

  it('never sends the stored token to another server', async () => {
    const cli = await boundCli();
    await cli(['login', '--url', server.url, '--token', account.token]);
    const result = await cli(['list', '--url', 'http://127.0.0.1:9']);
    expect(result.code).toBe(EXIT.auth);
    expect(result.stderr).toContain('not signed in to http://127.0.0.1:9');
    await cli.cleanup();
  });

  it('reports a damaged config file, and login repairs it', async () => {
    const cli = await boundCli();
    await writeFile(path.join(cli.configDir, 'config.json'), '{ not json');
    const list = await cli(['list']);
    expect(list.code).toBe(EXIT.failure);
    expect(list.stderr).toContain('(config_invalid)');
    expect((await cli(['login', '--url', server.url, '--token', account.token])).code).toBe(EXIT.ok);
    expect((await cli(['list'])).code).toBe(EXIT.ok);
    await cli.cleanup();
  });

  it('gives exit 6 when the server cannot be reached', async () => {
    const result = await runCli(['list', '--url', 'http://127.0.0.1:9', '--token', 'cs_whatever']);
    expect(result.code).toBe(EXIT.unavailable);
    expect(result.stderr).toMatch(/^error: Could not reach .+ \(network_error\)\n$/);
  });
});
