import { SOURCE_KINDS } from '../model/source-kind.ts';
import { REQUEST_STATUSES } from '../model/usage-record.ts';
import { COST_LAYERS } from '../pricing/price-override.ts';
import type { Store } from './open-store.ts';
import { TOKEN_COLUMNS } from './token-columns.ts';

/**
 * The SQL of the ingest write path: the usage columns in bind order, the rollup upserts, the source
 * bookkeeping. Kept apart from the write logic in file-ingest.ts, which only binds values.
 */

export const USAGE_COLUMNS = [
  'dedup_hash',
  'dedup_key',
  'occurred_at_ms',
  'provider',
  'model',
  'requests',
  ...TOKEN_COLUMNS,
  'status',
  'project',
  'user',
  'team',
  'api_key',
  'workspace',
  'session',
  'service_tier',
  'is_batch',
  'tags',
  'reported_cost_pico',
  'reported_currency',
  'cost_pico',
  'priced_model',
  'unpriced_reason',
  'price_layer',
  'price_book_id',
  'source_id',
  'source_line',
  'source_kind',
  'latency_ms',
  'ttft_ms',
] as const;

const ROLLUP_SUM_COLUMNS = [
  'records',
  'requests',
  'requests_unknown',
  'error_requests',
  ...TOKEN_COLUMNS,
  'cost_pico',
  'reported_cost_pico',
  'overlay_cost_pico',
  'override_cost_pico',
  'unpriced_records',
  'unpriced_requests',
  'unpriced_tokens',
] as const;
const ROLLUP_KEY_COLUMNS = ['provider', 'model', 'reported_currency', 'source_kind'] as const;

/** An upsert adding pending sums into a rollup table keyed by `timeColumn` and ROLLUP_KEY_COLUMNS. */
function prepareRollupUpsert(store: Store, table: string, timeColumn: string) {
  const columns = [timeColumn, ...ROLLUP_KEY_COLUMNS, ...ROLLUP_SUM_COLUMNS];
  return store.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT (${[timeColumn, ...ROLLUP_KEY_COLUMNS].join(', ')}) DO UPDATE SET
     ${ROLLUP_SUM_COLUMNS.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')}`,
  );
}

const statementsByStore = new WeakMap<Store, ReturnType<typeof prepareStatements>>();

/**
 * Records inserted per statement by the write path: one statement for several rows costs SQLite and
 * better-sqlite3 their per-statement work (binding set-up, cursors, reset) once, ~20% of an insert.
 */
export const INSERT_GROUP_ROWS = 8;

/**
 * Columns holding one of a few fixed texts are bound as the text's index in its list (a number binds
 * in a fraction of the time a string does) and turned back into the text by SQL.
 */
const ENUM_COLUMNS = {
  status: REQUEST_STATUSES,
  price_layer: COST_LAYERS,
  source_kind: SOURCE_KINDS,
} as const satisfies Partial<Record<(typeof USAGE_COLUMNS)[number], readonly string[]>>;

const isEnumColumn = (column: string): column is keyof typeof ENUM_COLUMNS =>
  Object.hasOwn(ENUM_COLUMNS, column);

/** A value of USAGE_COLUMNS as bound: `?`, or for an enum column, its text picked by the bound index. */
const valueSql = (column: (typeof USAGE_COLUMNS)[number]): string =>
  isEnumColumn(column)
    ? `CASE ? ${ENUM_COLUMNS[column].map((text, index) => `WHEN ${index} THEN '${text}'`).join(' ')} END`
    : '?';

const USAGE_ROW_VALUES = `(${USAGE_COLUMNS.map(valueSql).join(', ')})`;

/**
 * An insert of INSERT_GROUP_ROWS usage rows, each skipped if its dedup hash is taken. OR IGNORE (and
 * the session's foreign_keys = OFF, see file-ingest.ts) mean no constraint can abort the statement
 * halfway, so SQLite needs no statement journal: with one, every statement copied each page it was
 * about to change, which made a group slower than its rows one by one. The NOT NULL columns are always
 * bound; a row the group skipped is offered again alone (insertUsage), which raises any other error.
 */
function prepareUsageGroupInsert(store: Store) {
  const rows = Array.from({ length: INSERT_GROUP_ROWS }, () => USAGE_ROW_VALUES).join(', ');
  return store.prepare(`INSERT OR IGNORE INTO usage (${USAGE_COLUMNS.join(', ')}) VALUES ${rows}`);
}

function prepareStatements(store: Store) {
  return {
    insertUsage: store.prepare(
      `INSERT INTO usage (${USAGE_COLUMNS.join(', ')}) VALUES ${USAGE_ROW_VALUES} ON CONFLICT(dedup_hash) DO NOTHING`,
    ),
    insertUsageGroup: prepareUsageGroupInsert(store),
    /** The hashes of rows inserted after row id `?`, in insertion order. */
    selectHashesAfter: store.prepare('SELECT dedup_hash FROM usage WHERE id > ? ORDER BY id').pluck(),
    selectByHash: store.prepare('SELECT * FROM usage WHERE dedup_hash = ?').safeIntegers(true),
    replaceByHash: store.prepare(
      `UPDATE usage SET (${USAGE_COLUMNS.join(', ')}) = ${USAGE_ROW_VALUES} WHERE dedup_hash = ?`,
    ),
    selectBillingKeys: store.prepare(
      `SELECT sources.path AS path, usage.dedup_key AS dedupKey FROM usage JOIN sources ON sources.id = usage.source_id
       WHERE usage.occurred_at_ms >= ? AND usage.occurred_at_ms < ? AND usage.source_kind = 'billing'
         AND substr(usage.dedup_key, 1, ?) = ?`,
    ),
    upsertHourly: prepareRollupUpsert(store, 'usage_hourly', 'hour_start_ms'),
    upsertDaily: prepareRollupUpsert(store, 'usage_daily', 'day_start_ms'),
    upsertPriceBook: store
      .prepare(
        'INSERT INTO price_books (version) VALUES (?) ON CONFLICT(version) DO UPDATE SET version = version RETURNING id',
      )
      .pluck(),
    upsertSource: store
      .prepare(
        `INSERT INTO sources (path, format, size_bytes, mtime_ms, fingerprint, bytes_ingested, lines_ingested,
           rows_read, rows_stored, rows_duplicate, rows_rejected, ingested_at_ms)
         VALUES (?, ?, 0, 0, '', 0, 0, 0, 0, 0, 0, 0)
         ON CONFLICT(path) DO UPDATE SET path = excluded.path
         RETURNING id`,
      )
      .pluck(),
    updateSource: store.prepare(
      `UPDATE sources SET format = ?, size_bytes = ?, mtime_ms = ?, fingerprint = ?, bytes_ingested = ?,
         lines_ingested = ?, rows_read = rows_read + ?, rows_stored = rows_stored + ?,
         rows_duplicate = rows_duplicate + ?, rows_rejected = rows_rejected + ?, ingested_at_ms = ?
       WHERE id = ?`,
    ),
  };
}

/** The prepared statements of the ingest write path, prepared once per store. */
export function statementsFor(store: Store) {
  let statements = statementsByStore.get(store);
  if (statements === undefined) {
    statements = prepareStatements(store);
    statementsByStore.set(store, statements);
  }
  return statements;
}

export type IngestStatements = ReturnType<typeof prepareStatements>;
