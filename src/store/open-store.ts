import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';

export type Store = Database.Database;

/**
 * Opens (creating if needed) the llmcost database and brings its schema up to date.
 * `:memory:` is accepted for tests. WAL lets reports read while an ingest writes; each migration
 * runs in its own transaction.
 */
export function openStore(path: string, options: { readonly readOnly?: boolean } = {}): Store {
  if (path !== ':memory:' && options.readOnly !== true) mkdirSync(dirname(path), { recursive: true });
  const store = new Database(path, options.readOnly === true ? { readonly: true, fileMustExist: true } : {});
  // 16 KiB pages (set before the first table exists) hold ~80 usage rows: fewer page splits on ingest.
  if (options.readOnly !== true) store.pragma('page_size = 16384');
  if (options.readOnly !== true) store.pragma('journal_mode = WAL');
  // 32 MiB of page cache keeps a large ingest transaction from spilling pages to the WAL early.
  store.pragma('cache_size = -32768');
  store.pragma('foreign_keys = ON');
  store.pragma('synchronous = NORMAL');
  store.pragma('busy_timeout = 5000');
  if (options.readOnly !== true) migrate(store);
  return store;
}

/**
 * Shrinks the page cache to 4 MiB for a long read such as a streamed report export. SQLite sizes a
 * sort's memory from the page cache (at least 250 pages, 4 MiB here), so the 32 MiB an ingest wants
 * lets each GROUP BY over every usage row of a 500k-row export hold about 85 MiB more, for no speed
 * gain (test/bench/xlsx-export.mjs; `--compare` runs two such sorts at once).
 */
export function shrinkPageCacheForReading(store: Store): void {
  store.pragma('cache_size = -4096');
}

function migrate(store: Store): void {
  const current = store.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${current} is newer than this llmcost understands (${MIGRATIONS.length}); upgrade llmcost`,
    );
  }
  MIGRATIONS.slice(current).forEach((sql, index) => {
    store.transaction(() => {
      store.exec(sql);
      store.pragma(`user_version = ${current + index + 1}`);
    })();
  });
}
