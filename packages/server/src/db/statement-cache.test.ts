import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('statement cache', () => {
  it('prepares each SQL text once', () => {
    const database = withStatementCache(new SQLite(':memory:'), 2);
    const first = database.prepare('SELECT 1 AS one');
    expect(database.prepare('SELECT 1 AS one')).toBe(first);
    expect(first.all([])).toEqual([{ one: 1 }]);
    database.close();
  });

  it('drops the least recently used statement', () => {
    const database = withStatementCache(new SQLite(':memory:'), 2);
    const one = database.prepare('SELECT 1');
    const two = database.prepare('SELECT 2');
    expect(database.prepare('SELECT 1')).toBe(one);
    database.prepare('SELECT 3');
    expect(database.prepare('SELECT 1')).toBe(one);
    expect(database.prepare('SELECT 2')).not.toBe(two);
    database.close();
  });

  it('gives a busy statement to nobody else', () => {
    const database = withStatementCache(new SQLite(':memory:'));
    const sql = 'SELECT value FROM json_each(?)';
    const iterator = database.prepare(sql).iterate(['[1,2,3]']);
    expect(iterator.next().value).toEqual({ value: 1 });

    // The first statement is still iterating, so a second query gets a statement of its own.
    expect(database.prepare(sql).all(['[4]'])).toEqual([{ value: 4 }]);
    expect([...iterator]).toEqual([{ value: 2 }, { value: 3 }]);
    database.close();
  });
});
