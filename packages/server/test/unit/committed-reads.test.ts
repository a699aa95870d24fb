/**
 * Rows kept by db/committed-reads.ts are what the query reads now: a write of this process's
 * main connection drops them at once, a commit by any other connection (another process's)
 * from the next turn of the event loop; a transaction not yet committed is never seen, and a
 * read that found nothing finds the row once it is there.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommittedReads } from '../../src/db/committed-reads.js';
import { withStatementCache } from '../../src/db/sqlite-statement-cache.js';

let dir: string;
let file: SQLite.Database;
let reader: SQLite.Database;
let reads: CommittedReads;
let titleOf: (code: string) => { title: string } | undefined;
/** The main connection as the app uses it: every statement through the statement cache. */
let main: ReturnType<typeof withStatementCache>;
const run = (sql: string) => main.prepare(sql).run([]);
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'chatshare-committed-reads-'));
  file = new SQLite(path.join(dir, 'db.sqlite'));
  file.pragma('journal_mode = WAL');
  file.exec("create table shares (code text primary key, title text); insert into shares values ('abc', 'first')");
  reader = new SQLite(path.join(dir, 'db.sqlite'), { readonly: true, fileMustExist: true });
  reads = new CommittedReads(reader);
  main = withStatementCache(file, { onWrite: () => reads.noteWrite() });
  titleOf = reads.read<{ title: string }>('select title from shares where code = ?');
});

afterEach(async () => {
  reader.close();
  file.close();
  await rm(dir, { recursive: true, force: true });
});

describe('reads kept until the database changes', () => {
  it('keeps a row between reads, and reads it again right after a write of the main connection', () => {
    expect(titleOf('abc')).toEqual({ title: 'first' });
    // The kept row is the very same object: no query ran.
    expect(titleOf('abc')).toBe(titleOf('abc'));
    run("update shares set title = 'second' where code = 'abc'");
    expect(titleOf('abc')).toEqual({ title: 'second' });
  });

  it('sees a commit of another process from the next turn of the event loop', async () => {
    expect(titleOf('abc')).toEqual({ title: 'first' });
    const stranger = new SQLite(path.join(dir, 'db.sqlite'));
    stranger.prepare("delete from shares where code = 'abc'").run();
    stranger.close();
    await nextTurn();
    expect(titleOf('abc')).toBeUndefined();
  });

  it('never shows a change of a transaction still under way, and shows it once committed', () => {
    expect(titleOf('abc')).toEqual({ title: 'first' });
    run('begin');
    run("update shares set title = 'pending' where code = 'abc'");
    expect(titleOf('abc')).toEqual({ title: 'first' });
    run('rollback');
    expect(titleOf('abc')).toEqual({ title: 'first' });
    run('begin');
    run("update shares set title = 'committed' where code = 'abc'");
    expect(titleOf('abc')).toEqual({ title: 'first' });
    run('commit');
    expect(titleOf('abc')).toEqual({ title: 'committed' });
  });

  it('finds a row that was missing once it is written', () => {
    expect(titleOf('new')).toBeUndefined();
    run("insert into shares values ('new', 'fresh')");
    expect(titleOf('new')).toEqual({ title: 'fresh' });
  });
});
