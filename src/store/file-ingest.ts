import { totalTokens } from '../model/usage-record.ts';
import type { Store } from './open-store.ts';
import { applyToRollup, type RollupSums } from './rollup-delta.ts';
import type { StoredUsage } from './stored-usage.ts';

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
  write(usage: StoredUsage): WriteOutcome;
  /** Records the source state (counts are added to the previous ones) and commits. */
  commit(state: SourceState): void;
  rollback(): void;
}

const USAGE_COLUMNS = [
  'dedup_key', 'occurred_at_ms', 'provider', 'model', 'requests', 'input_tokens', 'cache_read_tokens',
  'cache_write_5m_tokens', 'cache_write_1h_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens',
  'web_search_requests', 'status', 'project', 'user', 'team', 'api_key', 'workspace', 'session', 'service_tier',
  'is_batch', 'tags', 'reported_cost_pico', 'reported_currency', 'cost_pico', 'priced_model', 'unpriced_reason',
  'price_book_version', 'source_id', 'source_line',
] as const;

const ROLLUP_SUM_COLUMNS = [
  'records', 'requests', 'requests_unknown', 'error_requests', 'input_tokens', 'cache_read_tokens',
  'cache_write_5m_tokens', 'cache_write_1h_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens',
  'web_search_requests', 'cost_pico', 'reported_cost_pico', 'unpriced_records', 'unpriced_requests', 'unpriced_tokens',
] as const;
const ROLLUP_KEY_COLUMNS = [
  'hour_start_ms', 'provider', 'model', 'project', 'user', 'team', 'api_key', 'workspace', 'reported_currency',
] as const;

/** Pending rollup rows are flushed when this many distinct keys accumulate (bounds memory). */
const ROLLUP_FLUSH_KEYS = 20_000;

const statementsByStore = new WeakMap<Store, ReturnType<typeof prepareStatements>>();

function prepareStatements(store: Store) {
  const placeholders = USAGE_COLUMNS.map(() => '?').join(', ');
  return {
    insertUsage: store.prepare(
      `INSERT INTO usage (${USAGE_COLUMNS.join(', ')}) VALUES (${placeholders}) ON CONFLICT(dedup_key) DO NOTHING`,
    ),
    selectByKey: store.prepare('SELECT * FROM usage WHERE dedup_key = ?').safeIntegers(true),
    deleteByKey: store.prepare('DELETE FROM usage WHERE dedup_key = ?'),
    upsertRollup: store.prepare(
      `INSERT INTO usage_hourly (${[...ROLLUP_KEY_COLUMNS, ...ROLLUP_SUM_COLUMNS].join(', ')})
       VALUES (${[...ROLLUP_KEY_COLUMNS, ...ROLLUP_SUM_COLUMNS].map(() => '?').join(', ')})
       ON CONFLICT (${ROLLUP_KEY_COLUMNS.join(', ')}) DO UPDATE SET
       ${ROLLUP_SUM_COLUMNS.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')}`,
    ),
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
 */
export function beginFileIngest(store: Store, path: string, format: string): FileIngest {
  const statements = statementsFor(store);
  store.exec('BEGIN IMMEDIATE');
  let isOpen = true;
  const pending = new Map<string, RollupSums>();
  let sourceId: number;
  try {
    const row = statements.upsertSource.get(path, format) as { id: number };
    sourceId = row.id;
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

  const insert = (usage: StoredUsage): number =>
    statements.insertUsage.run(
      usage.dedupKey, usage.occurredAtMs, usage.provider, usage.model, usage.requests, usage.inputTokens,
      usage.cacheReadTokens, usage.cacheWrite5mTokens, usage.cacheWrite1hTokens, usage.cacheWriteTokens,
      usage.outputTokens, usage.reasoningTokens, usage.webSearchRequests, usage.status, usage.project, usage.user,
      usage.team, usage.apiKey, usage.workspace, usage.session, usage.serviceTier, usage.isBatch ? 1 : 0,
      serializeTags(usage.tags), usage.reportedCost?.amountPico ?? null, usage.reportedCost?.currency ?? null,
      usage.costPico, usage.pricedModel, usage.unpricedReason, usage.priceBookVersion, sourceId, usage.sourceLine,
    ).changes;

  return {
    write(usage) {
      if (insert(usage) === 1) {
        applyToRollup(pending, usage, 1);
        if (pending.size >= ROLLUP_FLUSH_KEYS) flushRollup();
        return 'stored';
      }
      const existing = rowToStoredUsage(statements.selectByKey.get(usage.dedupKey) as UsageRow);
      if (totalTokens(usage) <= totalTokens(existing)) return 'duplicate';
      statements.deleteByKey.run(usage.dedupKey);
      insert(usage);
      applyToRollup(pending, existing, -1);
      applyToRollup(pending, usage, 1);
      return 'replaced';
    },
    commit(state) {
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
  price_book_version: string | null;
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
    priceBookVersion: row.price_book_version,
    sourceLine: Number(row.source_line),
  };
}
