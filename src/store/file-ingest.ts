import type { SourceKind } from '../model/source-kind.ts';
import { totalTokens, type UsageRecord } from '../model/usage-record.ts';
import { dedupHash } from './dedup-hash.ts';
import { statementsFor, type IngestStatements } from './ingest-statements.ts';
import type { Store } from './open-store.ts';
import { createRollupAccumulator, type RollupAccumulator } from './rollup-accumulator.ts';
import { rowToStoredUsage, type UsageRow } from './usage-row.ts';
import type { UsagePricing } from './stored-usage.ts';

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

/** One file's ingest: atomic (a savepoint), so a crash leaves the file fully in or not in. */
export interface FileIngest {
  write(usage: UsageRecord, pricing: UsagePricing): WriteOutcome;
  /**
   * The dedup keys and source paths of stored billing-export rows (this file's included) whose keys
   * start with `keyPrefix` and whose time is in [fromMs, toMs): the aggregate rows this file's may
   * overlap.
   */
  selectBillingKeys(keyPrefix: string, fromMs: number, toMs: number): { path: string; dedupKey: string }[];
  /** Records the source state (counts are added to the previous ones) and commits. */
  commit(state: SourceState): void;
  rollback(): void;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Pending rollup rows are written when this many accumulate, to bound memory on huge files. */
const ROLLUP_FLUSH_ROWS = 50_000;

/**
 * A run of file ingests sharing transactions, which commit every COMMIT_EVERY_ROWS rows or
 * COMMIT_EVERY_FILES files, and only between files. A crash or kill -9 therefore leaves every file
 * fully in or not in (its `sources` row goes with it, so the next run reads it again), while 15,000
 * small log files do not cost 15,000 commits, each rewriting the same index pages.
 *
 * A file that may be rolled back on its own (a strict or dry-run ingest) gets a savepoint, so rolling
 * it back keeps the files before it. Otherwise rolling a file back (after an error, which ends the
 * run) rolls back the whole open transaction: no savepoint, which would copy every page the file
 * first touches into a sub-journal (a third of the store time of 15,000 small logs).
 */
export interface IngestSession {
  /**
   * `sizeBytes` lets a large file have a transaction of its own. `canRollBackAlone`: whether
   * rolling the file back must keep the files before it in the same transaction.
   */
  beginFile(
    path: string,
    format: string,
    kind: SourceKind,
    sizeBytes: number,
    canRollBackAlone?: boolean,
  ): FileIngest;
  /** Commits what is pending. */
  close(): void;
  /** Rolls back what is not committed yet (after an error). */
  abort(): void;
}

const COMMIT_EVERY_ROWS = 250_000;
const COMMIT_EVERY_FILES = 2_000;
/** A file this large starts a transaction of its own: savepoints would journal every page it touches. */
const OWN_TRANSACTION_BYTES = 16 * 1024 * 1024;

export function openIngestSession(store: Store, priceBookVersion: string): IngestSession {
  const statements = statementsFor(store);
  let isInTransaction = false;
  let rowsSinceCommit = 0;
  let filesSinceCommit = 0;
  let priceBookId: number | null = null;
  // Rollups of the files released in the open transaction: written once before COMMIT rather than
  // once per file (15,000 small logs would otherwise upsert the same rollup rows 15,000 times).
  const pending = createRollupSet(statements);
  const commit = (): void => {
    flushRollupSet(pending);
    store.exec('COMMIT');
    isInTransaction = false;
  };
  const commitIfDue = (): void => {
    if (isInTransaction && (rowsSinceCommit >= COMMIT_EVERY_ROWS || filesSinceCommit >= COMMIT_EVERY_FILES)) {
      commit();
    } else if ((pending[0]?.accumulator.size ?? 0) >= ROLLUP_FLUSH_ROWS) {
      flushRollupSet(pending);
    }
  };
  return {
    beginFile(path, format, kind, sizeBytes, canRollBackAlone = true) {
      if (isInTransaction && sizeBytes >= OWN_TRANSACTION_BYTES) commit();
      // The first file of a transaction is atomic through the transaction itself; later ones that may
      // be rolled back alone through a savepoint.
      const usesSavepoint = isInTransaction && canRollBackAlone;
      if (!isInTransaction) {
        store.exec('BEGIN IMMEDIATE');
        isInTransaction = true;
        rowsSinceCommit = 0;
        filesSinceCommit = 0;
      }
      priceBookId ??= statements.upsertPriceBook.get(priceBookVersion) as number;
      return beginFileIngest(
        store,
        statements,
        { path, format, kind, priceBookId, usesSavepoint },
        {
          onRollupsDone: (rollups) => {
            absorbRollupSet(pending, rollups);
          },
          onReleased: (rows) => {
            rowsSinceCommit += rows;
            filesSinceCommit += 1;
            commitIfDue();
          },
          onTransactionRolledBack: () => {
            for (const { accumulator } of pending) accumulator.drain();
            isInTransaction = false;
          },
        },
      );
    },
    close() {
      if (isInTransaction) commit();
    },
    abort() {
      for (const { accumulator } of pending) accumulator.drain();
      if (isInTransaction) store.exec('ROLLBACK');
      isInTransaction = false;
    },
  };
}

/** The hourly and daily rollups of some usage, pending in memory, with the upserts that store them. */
type RollupSet = {
  readonly accumulator: RollupAccumulator;
  readonly upsert: IngestStatements['upsertHourly'];
}[];

function createRollupSet(statements: IngestStatements): RollupSet {
  return [
    { accumulator: createRollupAccumulator(HOUR_MS), upsert: statements.upsertHourly },
    { accumulator: createRollupAccumulator(DAY_MS), upsert: statements.upsertDaily },
  ];
}

function flushRollupSet(rollups: RollupSet): void {
  for (const { accumulator, upsert } of rollups) {
    for (const sums of accumulator.drain()) {
      const { totals } = sums;
      upsert.run(
        sums.bucketStartMs,
        sums.provider,
        sums.model,
        sums.reportedCurrency,
        sums.sourceKind,
        totals.records,
        totals.requests,
        totals.requestsUnknown,
        totals.errorRequests,
        totals.inputTokens,
        totals.cacheReadTokens,
        totals.cacheWrite5mTokens,
        totals.cacheWrite1hTokens,
        totals.cacheWriteUnknownTtlTokens,
        totals.outputTokens,
        totals.reasoningTokens,
        totals.webSearchRequests,
        totals.costPico,
        totals.reportedCostPico,
        totals.overlayCostPico,
        totals.overrideCostPico,
        totals.unpricedRecords,
        totals.unpricedRequests,
        totals.unpricedTokens,
      );
    }
  }
}

/** Moves a finished file's pending rollup into the session's, to be written once before COMMIT. */
function absorbRollupSet(target: RollupSet, source: RollupSet): void {
  source.forEach(({ accumulator }, index) => {
    const into = target[index]?.accumulator;
    for (const sums of accumulator.drain()) into?.absorb(sums);
  });
}

/**
 * Starts the ingest of one file (in its own transaction, or a savepoint in a shared one). Re-ingesting the same usage never double-counts:
 * a hash of the dedup key is unique (checked against the stored key, probing on a collision); of
 * two copies the one with more tokens is kept (Claude Code streams a message several times with output
 * growing). The hourly and daily rollups are accumulated in memory and written before the file is done.
 */
function beginFileIngest(
  store: Store,
  statements: IngestStatements,
  file: { path: string; format: string; kind: SourceKind; priceBookId: number; usesSavepoint: boolean },
  events: {
    /** The file's pending rollup, handed to the session just before the file is released. */
    onRollupsDone: (rollups: RollupSet) => void;
    onReleased: (rowsWritten: number) => void;
    onTransactionRolledBack: () => void;
  },
): FileIngest {
  const { path, format, kind, priceBookId, usesSavepoint } = file;
  const undo = (): void => {
    if (usesSavepoint) {
      store.exec('ROLLBACK TO file_ingest; RELEASE file_ingest');
    } else {
      store.exec('ROLLBACK');
      events.onTransactionRolledBack();
    }
  };
  if (usesSavepoint) store.exec('SAVEPOINT file_ingest');
  let isOpen = true;
  let rowsWritten = 0;
  let sourceId: number;
  try {
    sourceId = statements.upsertSource.get(path, format) as number;
  } catch (error) {
    undo();
    throw error;
  }

  const rollups = createRollupSet(statements);
  const applyToRollups = (
    usage: UsageRecord,
    pricing: UsagePricing,
    sourceKind: SourceKind,
    sign: 1 | -1,
  ): void => {
    for (const rollup of rollups) rollup.accumulator.apply(usage, pricing, sourceKind, sign);
  };

  /** The values of USAGE_COLUMNS, in order. */
  const values = (id: number, usage: UsageRecord, pricing: UsagePricing) =>
    [
      id,
      usage.dedupKey,
      usage.occurredAtMs,
      usage.provider,
      usage.model,
      usage.requests,
      usage.inputTokens,
      usage.cacheReadTokens,
      usage.cacheWrite5mTokens,
      usage.cacheWrite1hTokens,
      usage.cacheWriteTokens,
      usage.outputTokens,
      usage.reasoningTokens,
      usage.webSearchRequests,
      usage.status,
      usage.project,
      usage.user,
      usage.team,
      usage.apiKey,
      usage.workspace,
      usage.session,
      usage.serviceTier,
      usage.isBatch ? 1 : 0,
      serializeTags(usage.tags),
      usage.reportedCost?.amountPico ?? null,
      usage.reportedCost?.currency ?? null,
      pricing.costPico,
      pricing.pricedModel,
      pricing.unpricedReason,
      pricing.priceLayer,
      priceBookId,
      sourceId,
      usage.sourceLine,
      kind,
    ] as const;
  const insert = (id: number, usage: UsageRecord, pricing: UsagePricing): boolean =>
    statements.insertUsage.run(...values(id, usage, pricing)).changes === 1;
  const replace = (id: number, usage: UsageRecord, pricing: UsagePricing): void => {
    statements.replaceByHash.run(...values(id, usage, pricing), id);
  };

  return {
    write(usage, pricing) {
      // Probe from the key's hash until we find its row or a free hash (collisions are rare and harmless).
      for (let seed = 0; ; seed += 1) {
        const id = dedupHash(usage.dedupKey, seed);
        rowsWritten += 1;
        if (insert(id, usage, pricing)) {
          applyToRollups(usage, pricing, kind, 1);
          if ((rollups[0]?.accumulator.size ?? 0) >= ROLLUP_FLUSH_ROWS) flushRollupSet(rollups);
          return 'stored';
        }
        const existingRow = statements.selectByHash.get(id) as UsageRow;
        if (existingRow.dedup_key !== usage.dedupKey) continue;
        const existing = rowToStoredUsage(existingRow);
        if (totalTokens(usage) <= totalTokens(existing)) return 'duplicate';
        replace(id, usage, pricing);
        applyToRollups(existing, existing, existingRow.source_kind, -1);
        applyToRollups(usage, pricing, kind, 1);
        return 'replaced';
      }
    },
    selectBillingKeys(keyPrefix, fromMs, toMs) {
      return statements.selectBillingKeys.all(fromMs, toMs, keyPrefix.length, keyPrefix) as {
        path: string;
        dedupKey: string;
      }[];
    },
    commit(state) {
      events.onRollupsDone(rollups);
      statements.updateSource.run(
        state.format,
        state.sizeBytes,
        state.mtimeMs,
        state.fingerprint,
        state.bytesIngested,
        state.linesIngested,
        state.rowsRead,
        state.rowsStored,
        state.rowsDuplicate,
        state.rowsRejected,
        state.ingestedAtMs,
        sourceId,
      );
      if (usesSavepoint) store.exec('RELEASE file_ingest');
      isOpen = false;
      events.onReleased(rowsWritten);
    },
    rollback() {
      if (!isOpen) return;
      for (const rollup of rollups) rollup.accumulator.drain();
      undo();
      isOpen = false;
    },
  };
}

/** Tags as stored (JSON text, or null for none), cached per tags object: decoded batches share them. */
const tagsJsonCache = new WeakMap<Readonly<Record<string, string>>, string | null>();

function serializeTags(tags: Readonly<Record<string, string>>): string | null {
  let json = tagsJsonCache.get(tags);
  if (json === undefined) {
    json = Object.keys(tags).length === 0 ? null : JSON.stringify(tags);
    tagsJsonCache.set(tags, json);
  }
  return json;
}
