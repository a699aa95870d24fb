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

describe('chatshare import of a file imported before', () => {
  const TREE = path.join(FIXTURES, 'chatgpt/librechat-fixture_chatgpt-tree.json');

  /** The tree conversation with one more turn after its current node: the chat went on at the source. */
  async function continuedTree(): Promise<string> {
    const [conversation] = JSON.parse(await readFile(TREE, 'utf8')) as Record<string, unknown>[];
    const mapping = conversation!.mapping as Record<string, { children: string[] }>;
    const current = conversation!.current_node as string;
    mapping[current]!.children.push('went-on');
    mapping['went-on'] = {
      id: 'went-on',
      parent: current,
      children: [],
      message: {
        id: 'went-on',
        author: { role: 'user' },
        content: { content_type: 'text', parts: ['One more thing.'] },
      },
    } as unknown as { children: string[] };
    const file = path.join(scratch, `continued-${Date.now()}.json`);
    await writeFile(file, JSON.stringify([{ ...conversation, mapping, current_node: 'went-on' }]));
    return file;
  }

  it('stores nothing twice, lists each as already imported with the stored id, and exits 0', async () => {
    const { cli, account } = await signedIn();
    const first = await cli(['import', CLAUDE, '--json']);
    const [imported] = (JSON.parse(first.stdout) as ImportReport).imported;
    const again = await cli(['import', CLAUDE]);
    expect(again.code).toBe(EXIT.ok);
    expect(again.stdout).toMatch(/^imported 0 of 1 conversation from .+ \(claude\) in \d+\.\d\d s$/m);
    expect(again.stdout).toMatch(/^already imported 1:$/m);
    expect(again.stdout).toContain(`  #0 ("${imported!.title}"): already imported (conversation ${imported!.id})`);
    expect(await conversationsOf(account)).toHaveLength(1);
    await cli.cleanup();
  });

  it('skips a conversation that changed at the source unless --on-duplicate update, which keeps its id', async () => {
    const { cli, account } = await signedIn();
    const first = JSON.parse((await cli(['import', TREE, '--json'])).stdout) as ImportReport;
    const id = first.imported[0]!.id;
    const file = await continuedTree();

    const skipped = await cli(['import', file]);
    expect(skipped.code).toBe(EXIT.partial);
    expect(skipped.stdout).toContain(
      `: changed since import (conversation ${id}): run again with --on-duplicate update to replace its messages`,
    );
    const before = await account.client.conversations.get(id);

    const updated = await cli(['import', file, '--on-duplicate', 'update']);
    expect(updated.code).toBe(EXIT.ok);
    expect(updated.stdout).toMatch(/^updated 1:$/m);
    const after = await account.client.conversations.get(id);
    expect(after.messageCount).toBe(before.messageCount + 1);
    expect(updated.stdout).toContain(
      `  ${id}  ${after.title} (${after.messageCount} messages, ${after.branchCount} branches)`,
    );
    expect(await conversationsOf(account)).toHaveLength(1);

    const copied = await cli(['import', file, '--on-duplicate', 'copy', '--json']);
    expect(JSON.parse(copied.stdout).imported).toHaveLength(1);
    expect(await conversationsOf(account)).toHaveLength(2);
    await cli.cleanup();
  });

  it('changes nothing it would have updated when the file is cut off', async () => {
    const { cli, account } = await signedIn();
    const id = (JSON.parse((await cli(['import', TREE, '--json'])).stdout) as ImportReport).imported[0]!.id;
    const before = await account.client.conversations.get(id);
    const [changed] = JSON.parse(await readFile(await continuedTree(), 'utf8')) as unknown[];
    const others = JSON.parse(await readFile(CHATGPT_WITH_A_BROKEN_ONE, 'utf8')) as unknown[];
    const whole = JSON.stringify([changed, ...others]);
    const cut = path.join(scratch, 'cut-after-update.json');
    await writeFile(cut, whole.slice(0, whole.length - 100));
    const result = await cli(['import', cut, '--on-duplicate', 'update']);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stderr).toContain('nothing was imported');
    expect(await account.client.conversations.get(id)).toEqual(before);
    expect((await conversationsOf(account)).map((item) => item.id)).toEqual([id]);
    await cli.cleanup();
  });

  it('refuses an unknown --on-duplicate as a usage error', async () => {
    const { cli } = await signedIn();
    const result = await cli(['import', CLAUDE, '--on-duplicate', 'merge']);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/--on-duplicate <choice>.*'merge' is invalid/);
    await cli.cleanup();
  });
});
