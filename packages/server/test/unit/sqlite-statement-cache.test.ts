import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/db/sqlite-statement-cache.js';

describe('the SQLite statement cache', () => {
  it('prepares each SQL text once and reuses it', () => {
    const file = new SQLite(':memory:');
    const cached = withStatementCache(file);
    expect(cached.prepare('select 1 as one')).toBe(cached.prepare('select 1 as one'));
    expect(cached.prepare('select 2 as two')).not.toBe(cached.prepare('select 1 as one'));
    file.close();
  });

  it('forgets the least recently used statement beyond its capacity', () => {
    const file = new SQLite(':memory:');
    const cached = withStatementCache(file, { capacity: 2 });
    const first = cached.prepare('select 1');
    cached.prepare('select 2');
    cached.prepare('select 1');
    cached.prepare('select 3');
    expect(cached.prepare('select 1')).toBe(first);
    file.close();
  });

  it('keeps working after the schema changes under a cached statement', () => {
    const file = new SQLite(':memory:');
    const cached = withStatementCache(file);
    file.exec('create table t (a integer)');
    file.exec('insert into t values (1)');
    const read = () => cached.prepare('select * from t').all([]);
    expect(read()).toEqual([{ a: 1 }]);
    file.exec('alter table t add column b integer default 7');
    expect(read()).toEqual([{ a: 1, b: 7 }]);
    file.close();
  });
});
