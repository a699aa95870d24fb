import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateChatGptExport } from '../../../bench/import/generate.js';
import { EXIT } from '../src/exit-codes.js';
import type { ImportReport } from '../src/import-runner.js';
import { boundCli, CONTROL_CHARACTERS } from './helpers/cli.js';
import { createAccount, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let scratch: string;

beforeAll(async () => {
  server = await startServer();
  scratch = await mkdtemp(path.join(tmpdir(), 'chatshare-cli-large-'));
});
afterAll(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

it('imports a 20 MB ChatGPT export with a small heap, and every conversation arrives', async () => {
  const file = path.join(scratch, 'conversations.json');
  const generated = await generateChatGptExport(file, 20 * 1024 * 1024);
  const account = await createAccount(server);
  const cli = await boundCli({
    CHATSHARE_URL: server.url,
    CHATSHARE_TOKEN: account.token,
    // Reading the file whole would need its text (20 MB) and its parsed form (~35 MB) in heap at
    // once, on top of the command's own ~12 MB; streaming needs neither.
    NODE_OPTIONS: '--max-old-space-size=48',
  });

  const result = await cli(['import', file, '--json'], { timeoutMs: 60_000 });
  expect(result.code).toBe(EXIT.ok);
  const report = JSON.parse(result.stdout) as ImportReport;
  expect(report.skipped).toEqual([]);
  expect(report.imported).toHaveLength(generated.conversations);
  expect(report.imported.map((item) => item.index)).toEqual([...Array(generated.conversations).keys()]);
  // Off a terminal, progress is a plain line every 500 conversations.
  expect(result.stderr).toMatch(/^imported 500 conversations \(\d+\/s, 0 skipped\)\n$/);
  expect(result.stderr).not.toMatch(CONTROL_CHARACTERS);

  const stored = new Map<string, { title: string; messageCount: number; branchCount: number; sourceFormat: string }>();
  for await (const item of account.client.conversations.listAll({ limit: 100 })) stored.set(item.id, item);
  expect(stored.size).toBe(generated.conversations);
  for (const item of report.imported) {
    expect(stored.get(item.id)).toMatchObject({
      title: expect.stringMatching(new RegExp(`^Conversation ${item.index}: `)),
      // The shown branch of 40 messages; the regenerated answer is a second branch.
      messageCount: 40,
      branchCount: 2,
      sourceFormat: 'chatgpt',
    });
  }
  await cli.cleanup();
}, 60_000);
