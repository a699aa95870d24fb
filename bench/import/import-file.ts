/**
 * Imports one export file into a fresh SQLite database through the server's import service,
 * the way POST /api/v1/imports does, and prints time and peak memory as JSON. Run in its own
 * process so the figures are the import's alone.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../../packages/server/src/db/connect.js';
import { ConversationRepository } from '../../packages/server/src/repositories/conversations.js';
import { UserRepository } from '../../packages/server/src/repositories/users.js';
import { importFile } from '../../packages/server/src/services/imports.js';

const file = process.argv[2];
if (!file) throw new Error('usage: import-file.ts FILE');
const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-bench-import-'));
const handle = await openDatabase({ dataDir, databaseUrl: null, databaseSchema: null });
await migrateToLatest(handle);
const now = () => new Date();
const user = await new UserRepository(handle.db, now).create({
  email: 'bench@example.com',
  name: null,
  passwordHash: 'x',
});
const conversations = new ConversationRepository(handle.db, now);

const started = performance.now();
let last = 0;
const report = await importFile({ conversations, now }, user.id, createReadStream(file), {
  onProgress: (progress) => {
    const seconds = (performance.now() - started) / 1000;
    if (seconds - last >= 1) {
      last = seconds;
      process.stderr.write(
        `  ${progress.imported.length} conversations, ${(progress.imported.length / seconds).toFixed(0)}/s\n`,
      );
    }
  },
});
const seconds = (performance.now() - started) / 1000;
await handle.close();
await rm(dataDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    imported: report.imported.length,
    skipped: report.skipped.length,
    messages: report.imported.reduce((sum, item) => sum + item.messageCount, 0),
    seconds: Number(seconds.toFixed(2)),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
