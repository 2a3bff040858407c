import { totalTokens, type UsageRecord } from '../model/usage-record.ts';
import type { Store } from './open-store.ts';
import { applyToRollup, type RollupSums } from './rollup-delta.ts';
import type { StoredUsage, UsagePricing } from './stored-usage.ts';

/** What happened to one record offered to the store. */
export type WriteOutcome =
  /** New usage, stored. */
  | 'stored'
  /** The same usage (same dedup key) was already stored, at least as large: nothing changed. */
  | 'duplicate'
  /** The same usage was stored from a smaller copy (a streaming snapshot): replaced by this one. */
  | 'replaced';

/** The state of a source file after an ingest, written to `sources` at commit. */
export interface SourceState {
  readonly format: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  readonly fingerprint: string;
  readonly bytesIngested: number;
  readonly linesIngested: number;
  readonly rowsRead: number;
  readonly rowsStored: number;
  readonly rowsDuplicate: number;
  readonly rowsRejected: number;
  readonly ingestedAtMs: number;
}

/** One file's ingest: a single transaction, so a crash leaves the file fully in or not in. */
export interface FileIngest {
  write(usage: UsageRecord, pricing: UsagePricing): WriteOutcome;
  /** Records the source state (counts are added to the previous ones) and commits. */
  commit(state: SourceState): void;
  rollback(): void;
}

const USAGE_COLUMNS = [
  'dedup_key', 'occurred_at_ms', 'provider', 'model', 'requests', 'input_tokens', 'cache_read_tokens',
  'cache_write_5m_tokens', 'cache_write_1h_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens',
  'web_search_requests', 'status', 'project', 'user', 'team', 'api_key', 'workspace', 'session', 'service_tier',
  'is_batch', 'tags', 'reported_cost_pico', 'reported_currency', 'cost_pico', 'priced_model', 'unpriced_reason',
  'price_book_id', 'source_id', 'source_line',
] as const;

const ROLLUP_SUM_COLUMNS = [
  'records', 'requests', 'requests_unknown', 'error_requests', 'input_tokens', 'cache_read_tokens',
  'cache_write_5m_tokens', 'cache_write_1h_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens',
  'web_search_requests', 'cost_pico', 'reported_cost_pico', 'unpriced_records', 'unpriced_requests', 'unpriced_tokens',
] as const;
const ROLLUP_KEY_COLUMNS = ['hour_start_ms', 'provider', 'model', 'reported_currency'] as const;
const HOUR_MS = 3_600_000;

const statementsByStore = new WeakMap<Store, ReturnType<typeof prepareStatements>>();

function prepareStatements(store: Store) {
  const placeholders = USAGE_COLUMNS.map(() => '?').join(', ');
  return {
    insertUsage: store.prepare(
      `INSERT INTO usage (${USAGE_COLUMNS.join(', ')}) VALUES (${placeholders}) ON CONFLICT(dedup_key) DO NOTHING`,
    ),
    selectByKey: store.prepare('SELECT * FROM usage WHERE dedup_key = ?').safeIntegers(true),
    replaceByKey: store.prepare(
      `UPDATE usage SET (${USAGE_COLUMNS.join(', ')}) = (${USAGE_COLUMNS.map(() => '?').join(', ')}) WHERE dedup_key = ?`,
    ),
    upsertRollup: store.prepare(
      `INSERT INTO usage_hourly (${[...ROLLUP_KEY_COLUMNS, ...ROLLUP_SUM_COLUMNS].join(', ')})
       VALUES (${[...ROLLUP_KEY_COLUMNS, ...ROLLUP_SUM_COLUMNS].map(() => '?').join(', ')})
       ON CONFLICT (${ROLLUP_KEY_COLUMNS.join(', ')}) DO UPDATE SET
       ${ROLLUP_SUM_COLUMNS.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')}`,
    ),
    maxUsageId: store.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM usage').pluck(),
    rollUpNewRows: store.prepare(
      `INSERT INTO usage_hourly (${[...ROLLUP_KEY_COLUMNS, ...ROLLUP_SUM_COLUMNS].join(', ')})
       SELECT occurred_at_ms - (occurred_at_ms % ${HOUR_MS}), provider, model, COALESCE(reported_currency, ''),
         COUNT(*), SUM(COALESCE(requests, 0)), SUM(requests IS NULL),
         SUM(CASE WHEN status = 'error' THEN MAX(COALESCE(requests, 0), 1) ELSE 0 END),
         SUM(input_tokens), SUM(cache_read_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens),
         SUM(cache_write_tokens), SUM(output_tokens), SUM(reasoning_tokens), SUM(web_search_requests),
         SUM(COALESCE(cost_pico, 0)), SUM(COALESCE(reported_cost_pico, 0)), SUM(cost_pico IS NULL),
         SUM(CASE WHEN cost_pico IS NULL THEN COALESCE(requests, 0) ELSE 0 END),
         SUM(CASE WHEN cost_pico IS NULL THEN input_tokens + cache_read_tokens + cache_write_5m_tokens
           + cache_write_1h_tokens + cache_write_tokens + output_tokens ELSE 0 END)
       FROM usage WHERE id > ?
       GROUP BY 1, 2, 3, 4
       ON CONFLICT (${ROLLUP_KEY_COLUMNS.join(', ')}) DO UPDATE SET
       ${ROLLUP_SUM_COLUMNS.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')}`,
    ),
    upsertPriceBook: store.prepare(
      'INSERT INTO price_books (version) VALUES (?) ON CONFLICT(version) DO UPDATE SET version = version RETURNING id',
    ).pluck(),
    upsertSource: store.prepare(
      `INSERT INTO sources (path, format, size_bytes, mtime_ms, fingerprint, bytes_ingested, lines_ingested,
         rows_read, rows_stored, rows_duplicate, rows_rejected, ingested_at_ms)
       VALUES (?, ?, 0, 0, '', 0, 0, 0, 0, 0, 0, 0)
       ON CONFLICT(path) DO UPDATE SET path = excluded.path
       RETURNING id`,
    ),
    updateSource: store.prepare(
      `UPDATE sources SET format = ?, size_bytes = ?, mtime_ms = ?, fingerprint = ?, bytes_ingested = ?,
         lines_ingested = ?, rows_read = rows_read + ?, rows_stored = rows_stored + ?,
         rows_duplicate = rows_duplicate + ?, rows_rejected = rows_rejected + ?, ingested_at_ms = ?
       WHERE id = ?`,
    ),
  };
}

function statementsFor(store: Store) {
  let statements = statementsByStore.get(store);
  if (statements === undefined) {
    statements = prepareStatements(store);
    statementsByStore.set(store, statements);
  }
  return statements;
}

/**
 * Starts the ingest of one file (BEGIN IMMEDIATE). Re-ingesting the same usage never double-counts:
 * the dedup key is unique; of two copies the one with more tokens is kept (Claude Code streams a
 * message several times with output growing), and the hourly rollup follows.
 *
 * The rollup is brought up to date at commit, in SQL, from the rows this ingest inserted (ids above
 * the highest id before it); only copies replacing usage stored earlier are corrected from JS.
 */
export function beginFileIngest(store: Store, path: string, format: string, priceBookVersion: string): FileIngest {
  const statements = statementsFor(store);
  store.exec('BEGIN IMMEDIATE');
  let isOpen = true;
  const pending = new Map<string, RollupSums>();
  let sourceId: number;
  let priceBookId: number;
  let lastIdBefore: number;
  try {
    sourceId = (statements.upsertSource.get(path, format) as { id: number }).id;
    priceBookId = statements.upsertPriceBook.get(priceBookVersion) as number;
    lastIdBefore = statements.maxUsageId.get() as number;
  } catch (error) {
    store.exec('ROLLBACK');
    throw error;
  }

  const flushRollup = (): void => {
    for (const sums of pending.values()) {
      statements.upsertRollup.run(
        ...sums.key,
        sums.records, sums.requests, sums.requestsUnknown, sums.errorRequests, sums.inputTokens,
        sums.cacheReadTokens, sums.cacheWrite5mTokens, sums.cacheWrite1hTokens, sums.cacheWriteTokens,
        sums.outputTokens, sums.reasoningTokens, sums.webSearchRequests, sums.costPico, sums.reportedCostPico,
        sums.unpricedRecords, sums.unpricedRequests, sums.unpricedTokens,
      );
    }
    pending.clear();
  };

  const values = (usage: UsageRecord, pricing: UsagePricing) =>
    [
      usage.dedupKey, usage.occurredAtMs, usage.provider, usage.model, usage.requests, usage.inputTokens,
      usage.cacheReadTokens, usage.cacheWrite5mTokens, usage.cacheWrite1hTokens, usage.cacheWriteTokens,
      usage.outputTokens, usage.reasoningTokens, usage.webSearchRequests, usage.status, usage.project, usage.user,
      usage.team, usage.apiKey, usage.workspace, usage.session, usage.serviceTier, usage.isBatch ? 1 : 0,
      serializeTags(usage.tags), usage.reportedCost?.amountPico ?? null, usage.reportedCost?.currency ?? null,
      pricing.costPico, pricing.pricedModel, pricing.unpricedReason, priceBookId, sourceId, usage.sourceLine,
    ] as const;

  return {
    write(usage, pricing) {
      const row = values(usage, pricing);
      if (statements.insertUsage.run(...row).changes === 1) return 'stored';
      const existingRow = statements.selectByKey.get(usage.dedupKey) as UsageRow;
      const existing = rowToStoredUsage(existingRow);
      if (totalTokens(usage) <= totalTokens(existing)) return 'duplicate';
      statements.replaceByKey.run(...row, usage.dedupKey);
      // A row inserted by this ingest is rolled up at commit as it is then; an older one is already in
      // the rollup, so move its contribution from the old copy to the new one.
      if (existingRow.id <= BigInt(lastIdBefore)) {
        applyToRollup(pending, existing, -1);
        applyToRollup(pending, { ...usage, ...pricing }, 1);
      }
      return 'replaced';
    },
    commit(state) {
      statements.rollUpNewRows.run(lastIdBefore);
      flushRollup();
      statements.updateSource.run(
        state.format, state.sizeBytes, state.mtimeMs, state.fingerprint, state.bytesIngested, state.linesIngested,
        state.rowsRead, state.rowsStored, state.rowsDuplicate, state.rowsRejected, state.ingestedAtMs, sourceId,
      );
      store.exec('COMMIT');
      isOpen = false;
    },
    rollback() {
      if (!isOpen) return;
      pending.clear();
      store.exec('ROLLBACK');
      isOpen = false;
    },
  };
}

function serializeTags(tags: Readonly<Record<string, string>>): string | null {
  for (const key in tags) {
    if (Object.hasOwn(tags, key)) return JSON.stringify(tags);
  }
  return null;
}

/** A usage row as read with safe integers (every INTEGER column is a bigint). */
interface UsageRow {
  id: bigint;
  dedup_key: string;
  occurred_at_ms: bigint;
  provider: string;
  model: string;
  requests: bigint | null;
  input_tokens: bigint;
  cache_read_tokens: bigint;
  cache_write_5m_tokens: bigint;
  cache_write_1h_tokens: bigint;
  cache_write_tokens: bigint;
  output_tokens: bigint;
  reasoning_tokens: bigint;
  web_search_requests: bigint;
  status: 'ok' | 'error';
  project: string | null;
  user: string | null;
  team: string | null;
  api_key: string | null;
  workspace: string | null;
  session: string | null;
  service_tier: string | null;
  is_batch: bigint;
  tags: string | null;
  reported_cost_pico: bigint | null;
  reported_currency: string | null;
  cost_pico: bigint | null;
  priced_model: string | null;
  unpriced_reason: string | null;
  source_line: bigint;
}

function rowToStoredUsage(row: UsageRow): StoredUsage {
  return {
    dedupKey: row.dedup_key,
    occurredAtMs: Number(row.occurred_at_ms),
    provider: row.provider,
    model: row.model,
    requests: row.requests === null ? null : Number(row.requests),
    inputTokens: Number(row.input_tokens),
    cacheReadTokens: Number(row.cache_read_tokens),
    cacheWrite5mTokens: Number(row.cache_write_5m_tokens),
    cacheWrite1hTokens: Number(row.cache_write_1h_tokens),
    cacheWriteTokens: Number(row.cache_write_tokens),
    outputTokens: Number(row.output_tokens),
    reasoningTokens: Number(row.reasoning_tokens),
    webSearchRequests: Number(row.web_search_requests),
    status: row.status,
    project: row.project,
    user: row.user,
    team: row.team,
    apiKey: row.api_key,
    workspace: row.workspace,
    session: row.session,
    serviceTier: row.service_tier,
    isBatch: row.is_batch === 1n,
    tags: row.tags === null ? {} : (JSON.parse(row.tags) as Record<string, string>),
    reportedCost:
      row.reported_cost_pico === null || row.reported_currency === null
        ? null
        : { amountPico: row.reported_cost_pico, currency: row.reported_currency },
    costPico: row.cost_pico,
    pricedModel: row.priced_model,
    unpricedReason: row.unpriced_reason,
    sourceLine: Number(row.source_line),
  };
}
