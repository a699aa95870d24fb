/**
 * `chatshare backup` and `chatshare restore` on real SQLite files: a server in a child process
 * takes new links while the backup runs; the backup passes PRAGMA integrity_check, and a fresh
 * instance restored from it (a new data folder) serves every link acknowledged before the
 * backup began. Refusals (an existing file, a database in use or holding data, a damaged
 * backup, PostgreSQL) change nothing and exit with their own codes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, sessionClient } from '../src/connection.js';
import { EXIT } from '../src/exit-codes.js';
import type { Io } from '../src/io.js';
import { run } from '../src/program.js';
import { BIN, runCli } from './helpers/cli.js';
import { freePort } from '../../../scripts/free-port.js';

const SECRET = 'cli-backup-secret-cli-backup-secret-0123';

/** The environment of an instance on `dataDir`: SQLite, whatever the suite runs on. */
const instanceEnv = (dataDir: string) => ({
  DATA_DIR: dataDir,
  DATABASE_URL: undefined,
  DATABASE_SCHEMA: undefined,
  REDIS_URL: undefined,
  SESSION_SECRET: SECRET,
  LOG_LEVEL: 'silent',
});

interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

/** Every server started here, stopped in afterAll whatever a test left running. */
const servers: Server[] = [];

/** `chatshare serve` in a child process, as an operator runs it. */
async function serve(dataDir: string): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
    env: { ...process.env, ...instanceEnv(dataDir), PUBLIC_URL: url, HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  for (let tries = 0; ; tries++) {
    const up = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (tries > 600 || child.exitCode !== null) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const server: Server = {
    url,
    child,
    stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  servers.push(server);
  return server;
}

async function account(url: string) {
  const session = sessionClient(url);
  const email = `backup-${randomBytes(4).toString('hex')}@example.com`;
  await session.auth.signup({ email, password: 'a long enough password' });
  const { token } = await session.tokens.create({ name: 'backup test' });
  return clientFor(url, token);
}

/** A conversation with some weight, so the database is more than a few pages. */
const conversation = (n: number) => [
  { role: 'user', content: `Question ${n}: ${'tell me more about backups. '.repeat(200)}` },
  { role: 'assistant', content: `Answer ${n}: ${'consistent copies matter. '.repeat(400)}` },
];

async function createLink(client: ReturnType<typeof clientFor>, n: number): Promise<string> {
  const { id } = await client.conversations.create(conversation(n));
  return (await client.shares.create({ conversationId: id, privacy: 'unlisted' })).shortCode;
}

const integrityOf = (file: string) => {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
};

let work: string;
let source: Server;
let backupFile: string;
let before: string[];
let during: string[];
let backedUp: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'chatshare-cli-backup-'));
  const sourceDir = path.join(work, 'source');
  source = await serve(sourceDir);
  // Two owners: each may create 60 links a minute.
  const owners = [await account(source.url), await account(source.url)];
  before = [];
  for (let n = 0; n < 40; n++) before.push(await createLink(owners[n % 2]!, n));

  // Writes keep coming from both owners while the backup runs.
  during = [];
  let writing = true;
  const load = owners.map(async (owner, index) => {
    for (let n = 0; writing && n < 18; n++) during.push(await createLink(owner, 1000 + index * 100 + n));
  });
  backupFile = path.join(work, 'chatshare.backup.sqlite');
  // Every link above was acknowledged (its 201 received) before this starts.
  backedUp = await runCli(['backup', backupFile], { env: instanceEnv(sourceDir) });
  writing = false;
  await Promise.all(load);
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await rm(work, { recursive: true, force: true });
});

describe('chatshare backup', { timeout: 60_000 }, () => {
  it('copies the live database while the server takes writes, and the copy passes integrity_check', async () => {
    expect(backedUp.stderr).toBe('');
    expect(backedUp.code).toBe(EXIT.ok);
    expect(backedUp.stdout).toMatch(/^backed up \d+\.\d MB \([\d,]+ pages\) to .*chatshare\.backup\.sqlite\n$/);
    expect(integrityOf(backupFile)).toBe('ok');
    // One self-contained file: no write-ahead log beside it, none needed.
    const db = new SQLite(backupFile, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    // A snapshot: every link acknowledged before it, and otherwise only links made meanwhile.
    const codes = new Set(db.prepare('select code from shares').pluck().all() as string[]);
    db.close();
    for (const code of before) expect(codes).toContain(code);
    for (const code of codes) expect([...before, ...during]).toContain(code);
    // The server went on taking links while the backup ran.
    expect(during.length).toBeGreaterThan(0);
  });

  it('refuses to overwrite FILE without --force (exit 7), and replaces it with --force', async () => {
    const target = path.join(work, 'exists.sqlite');
    await writeFile(target, 'keep me');
    const env = instanceEnv(path.join(work, 'source'));
    const refused = await runCli(['backup', target], { env });
    expect(refused.code).toBe(EXIT.conflict);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`error: ${target} exists already: pass --force to replace it (file_exists)\n`);
    expect(await readFile(target, 'utf8')).toBe('keep me');
    const forced = await runCli(['backup', target, '--force', '--json'], { env });
    expect(forced.code).toBe(EXIT.ok);
    expect(JSON.parse(forced.stdout)).toMatchObject({ file: target, pages: expect.any(Number) });
    expect(integrityOf(target)).toBe('ok');
  });

  it('shows progress on a terminal and clears it before the summary', async () => {
    let written = '';
    const stderr = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
    stderr.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const io: Io = { stdin: new PassThrough(), stdout, stderr, env: instanceEnv(path.join(work, 'source')) };
    const target = path.join(work, 'with-progress.sqlite');
    expect(await run(['backup', target], io)).toBe(EXIT.ok);
    // eslint-disable-next-line no-control-regex -- the terminal's redraw is what is tested
    expect(written).toMatch(/\r\x1b\[Kbacking up \[█{20}\] 100% {2}\d+\.\d MB of \d+\.\d MB/);
    expect(written.endsWith('\r\x1b[K')).toBe(true);
    expect(printed).toMatch(/^backed up /);
  });

  it('finds no database in an empty DATA_DIR (exit 4) and creates nothing there', async () => {
    const empty = path.join(work, 'no-instance-here');
    // Without SESSION_SECRET, which the server would generate into DATA_DIR.
    const env = { ...instanceEnv(empty), SESSION_SECRET: undefined };
    const result = await runCli(['backup', path.join(work, 'none.sqlite')], { env });
    expect(result.code).toBe(EXIT.notFound);
    expect(result.stderr).toMatch(/there is no database at .* \(no_database\)\n$/);
    await expect(stat(empty)).rejects.toThrow();
  });

  it('explains that PostgreSQL is backed up with pg_dump (exit 1)', async () => {
    const result = await runCli(['backup', path.join(work, 'pg.sqlite')], {
      env: { ...instanceEnv(work), DATABASE_URL: 'postgres://chatshare@127.0.0.1:1/chatshare' },
    });
    expect(result.code).toBe(EXIT.failure);
    expect(result.stderr).toMatch(/PostgreSQL .*pg_dump --format=custom .*\(postgres\)\n$/);
    const restore = await runCli(['restore', backupFile], {
      env: { ...instanceEnv(work), DATABASE_URL: 'postgres://chatshare@127.0.0.1:1/chatshare' },
    });
    expect(restore.code).toBe(EXIT.failure);
    expect(restore.stderr).toMatch(/pg_restore .*\(postgres\)\n$/);
  });
});

describe('chatshare restore', { timeout: 60_000 }, () => {
  let freshDir: string;
  beforeAll(async () => {
    freshDir = path.join(work, 'fresh');
  });

  it('restores into a fresh data folder, whose server serves every link made before the backup', async () => {
    const restored = await runCli(['restore', backupFile], {
      env: { ...instanceEnv(freshDir), SESSION_SECRET: undefined },
    });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(EXIT.ok);
    expect(restored.stdout).toMatch(/^restored .* into .*fresh\/chatshare\.sqlite\n$/);
    // The database and nothing else (the server makes what else it needs at its start).
    expect(await readdir(freshDir)).toEqual(['chatshare.sqlite']);

    const fresh = await serve(freshDir);
    try {
      for (const [n, code] of before.entries()) {
        const shared = await fetch(`${fresh.url}/api/v1/shared/${code}`);
        expect(shared.status).toBe(200);
        expect(await shared.text()).toContain(`Question ${n}: `);
      }
      for (const code of [before[0]!, before.at(-1)!]) expect((await fetch(`${fresh.url}/s/${code}`)).status).toBe(200);
      // Links made during the copy are either there whole or not at all.
      for (const code of during) {
        expect([200, 404]).toContain((await fetch(`${fresh.url}/api/v1/shared/${code}`)).status);
      }

      // While that server has the database open, a restore is refused (exit 6) and changes nothing.
      const size = (await stat(path.join(freshDir, 'chatshare.sqlite'))).size;
      const busy = await runCli(['restore', backupFile, '--force'], { env: instanceEnv(freshDir) });
      expect(busy.code).toBe(EXIT.unavailable);
      expect(busy.stderr).toMatch(/is in use: stop the server, then restore \(database_in_use\)\n$/);
      expect((await stat(path.join(freshDir, 'chatshare.sqlite'))).size).toBe(size);
    } finally {
      expect(await fresh.stop()).toBe(0);
    }
  }, 120_000);

  it('refuses to replace a database that holds data without --force (exit 7)', async () => {
    const refused = await runCli(['restore', backupFile], { env: instanceEnv(freshDir) });
    expect(refused.code).toBe(EXIT.conflict);
    expect(refused.stderr).toMatch(/holds data \(.*\): pass --force to replace it \(database_not_empty\)\n$/);
    const forced = await runCli(['restore', backupFile, '--force'], { env: instanceEnv(freshDir) });
    expect(forced.code).toBe(EXIT.ok);
    expect(integrityOf(path.join(freshDir, 'chatshare.sqlite'))).toBe('ok');
  });

  it('checks the backup first: a damaged file, or one that is no chatshare database, is exit 8', async () => {
    const target = path.join(work, 'untouched');
    const damaged = path.join(work, 'damaged.sqlite');
    await copyFile(backupFile, damaged);
    // Scribble over the middle of the file, past the header: pages the check reads.
    const bytes = await readFile(damaged);
    bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 8192);
    await writeFile(damaged, bytes);
    const broken = await runCli(['restore', damaged], { env: instanceEnv(target) });
    expect(broken.code).toBe(EXIT.invalidBackup);
    expect(broken.stderr).toMatch(/\((integrity_check_failed|not_a_database)\)\n$/);

    const text = path.join(work, 'notes.txt');
    await writeFile(text, 'not a database at all, just some text '.repeat(200));
    const notDb = await runCli(['restore', text], { env: instanceEnv(target) });
    expect(notDb.code).toBe(EXIT.invalidBackup);
    expect(notDb.stderr).toMatch(/\(not_a_database\)\n$/);

    const other = path.join(work, 'other.sqlite');
    const db = new SQLite(other);
    db.exec('create table notes (text)');
    db.close();
    const foreign = await runCli(['restore', other], { env: instanceEnv(target) });
    expect(foreign.code).toBe(EXIT.invalidBackup);
    expect(foreign.stderr).toMatch(/not a chatshare one \(not_a_database\)\n$/);

    const missing = await runCli(['restore', path.join(work, 'nope.sqlite')], { env: instanceEnv(target) });
    expect(missing.code).toBe(EXIT.notFound);
    // Nothing was written into the instance's folder.
    await expect(stat(path.join(target, 'chatshare.sqlite'))).rejects.toThrow();
  });
});
