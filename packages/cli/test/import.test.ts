import { writeFile, mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConversationSummary } from '@chatshare/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/exit-codes.js';
import type { ImportReport } from '../src/import-runner.js';
import { boundCli, CONTROL_CHARACTERS, FIXTURES, type BoundCli } from './helpers/cli.js';
import { createAccount, startServer, type TestAccount, type TestServer } from './helpers/server.js';

/** Two readable conversations and, at index 1, one without a mapping. */
const CHATGPT_WITH_A_BROKEN_ONE = path.join(FIXTURES, 'chatgpt/librechat-fixture_chatgpt-modern-export.json');
const CLAUDE = path.join(FIXTURES, 'claude/own_claude-export.json');
const JSONL = path.join(FIXTURES, 'openai-messages/cookbook_toy_chat_fine_tuning.first4lines.jsonl');

let server: TestServer;
let scratch: string;

beforeAll(async () => {
  server = await startServer();
  scratch = await mkdtemp(path.join(tmpdir(), 'chatshare-cli-files-'));
});
afterAll(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

async function signedIn(): Promise<{ cli: BoundCli; account: TestAccount }> {
  const account = await createAccount(server);
  const cli = await boundCli({ CHATSHARE_URL: server.url, CHATSHARE_TOKEN: account.token });
  return { cli, account };
}

async function conversationsOf(account: TestAccount): Promise<ConversationSummary[]> {
  const all: ConversationSummary[] = [];
  for await (const item of account.client.conversations.listAll({ limit: 100 })) all.push(item);
  return all;
}

describe('chatshare import', () => {
  it('imports a ChatGPT export, lists the skipped conversation, and exits 5', async () => {
    const { cli, account } = await signedIn();
    const result = await cli(['import', CHATGPT_WITH_A_BROKEN_ONE]);
    expect(result.code).toBe(EXIT.partial);
    expect(result.stdout).toMatch(/^imported 2 of 3 conversations from .+ \(chatgpt\) in \d+\.\d\d s$/m);
    expect(result.stdout).toMatch(/^skipped 1:$/m);
    expect(result.stdout).toMatch(/^ {2}#1 at \[1\]\.mapping: the conversation has no message mapping/m);

    const stored = await conversationsOf(account);
    expect(stored).toHaveLength(2);
    expect(stored.map((item) => item.sourceFormat)).toEqual(['chatgpt', 'chatgpt']);
    // Each imported conversation is listed with its id, so it can be shared next.
    for (const item of stored) expect(result.stdout).toContain(item.id);
    await cli.cleanup();
  });

  it('writes no control characters when stdout and stderr are not terminals', async () => {
    const { cli } = await signedIn();
    const result = await cli(['import', CHATGPT_WITH_A_BROKEN_ONE]);
    expect(result.stdout).not.toMatch(CONTROL_CHARACTERS);
    expect(result.stderr).not.toMatch(CONTROL_CHARACTERS);
    await cli.cleanup();
  });

  it('prints the report as JSON with --json', async () => {
    const { cli, account } = await signedIn();
    const result = await cli(['import', '--json', CHATGPT_WITH_A_BROKEN_ONE]);
    expect(result.code).toBe(EXIT.partial);
    const report = JSON.parse(result.stdout) as ImportReport;
    expect(report).toMatchObject({ file: CHATGPT_WITH_A_BROKEN_ONE, format: 'chatgpt' });
    expect(report.imported.map((item) => item.index)).toEqual([0, 2]);
    expect(report.skipped).toEqual([
      expect.objectContaining({ index: 1, path: '[1].mapping', reason: expect.stringContaining('mapping') }),
    ]);
    expect(report.seconds).toEqual(expect.any(Number));
    const ids = (await conversationsOf(account)).map((item) => item.id).sort();
    expect(report.imported.map((item) => item.id).sort()).toEqual(ids);
    await cli.cleanup();
  });

  it('exits 0 when nothing is skipped, keeping the source format', async () => {
    const { cli, account } = await signedIn();
    const result = await cli(['import', CLAUDE, '--json']);
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toMatchObject({ format: 'claude', skipped: [] });
    const [conversation] = await conversationsOf(account);
    expect(conversation?.sourceFormat).toBe('claude');
    await cli.cleanup();
  });

  it('reads stdin with -, here JSON Lines in a given format', async () => {
    const { cli, account } = await signedIn();
    const result = await cli(['import', '-', '--format', 'openai'], { input: await readFile(JSONL) });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/^imported 4 conversations from stdin \(openai\)/m);
    expect(await conversationsOf(account)).toHaveLength(4);
    await cli.cleanup();
  });

  it('imports nothing from a file cut off in the middle, removing what it had created', async () => {
    const { cli, account } = await signedIn();
    const whole = await readFile(path.join(FIXTURES, 'chatgpt/own_chatgpt-content-types.json'), 'utf8');
    const cut = path.join(scratch, 'cut.json');
    await writeFile(cut, whole.slice(0, Math.floor(whole.length * 0.9)));
    const result = await cli(['import', cut]);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stderr).toMatch(/^error: .*cut\.json: .*nothing was imported.* \(import_failed\)$/m);
    expect(await conversationsOf(account)).toEqual([]);
    await cli.cleanup();
  });

  it('fails with exit 1 when every conversation is skipped', async () => {
    const { cli } = await signedIn();
    // The two conversations of this fixture that cannot be read (a looping tree, bad content).
    const fixture = JSON.parse(await readFile(path.join(FIXTURES, 'chatgpt/own_chatgpt-content-types.json'), 'utf8'));
    const broken = path.join(scratch, 'broken.json');
    await writeFile(broken, JSON.stringify([fixture[1], fixture[3]]));
    const result = await cli(['import', broken]);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stdout).toMatch(/^skipped 2:$/m);
    expect(result.stderr).toContain('(nothing_imported)');
    await cli.cleanup();
  });

  it('gives exit 4 for a file that does not exist and exit 1 for one in no known format', async () => {
    const { cli } = await signedIn();
    const missing = await cli(['import', path.join(scratch, 'nope.json')]);
    expect(missing.code).toBe(EXIT.notFound);
    expect(missing.stderr).toMatch(/^error: .*nope\.json: no such file \(file_not_found\)\n$/);

    const unknown = path.join(scratch, 'unknown.json');
    await writeFile(unknown, JSON.stringify({ hello: 'world' }));
    const result = await cli(['import', unknown]);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stderr).toContain('(unsupported_format)');
    await cli.cleanup();
  });

  it('refuses an unknown --format as a usage error', async () => {
    const { cli } = await signedIn();
    const result = await cli(['import', CLAUDE, '--format', 'word']);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/^error: option '--format <format>' argument 'word' is invalid.* \(usage_error\)$/m);
    await cli.cleanup();
  });
});
