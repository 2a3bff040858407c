import { SOURCE_KINDS, type SourceKind } from '../model/source-kind.ts';
import { totalTokens, type UsageRecord } from '../model/usage-record.ts';
import { dedupHash } from './dedup-hash.ts';
import {
  INSERT_GROUP_ROWS,
  statementsFor,
  USAGE_COLUMNS,
  type IngestStatements,
} from './ingest-statements.ts';
import type { Store } from './open-store.ts';
import { createRollupAccumulator, type RollupAccumulator } from './rollup-accumulator.ts';
import { rowToStoredUsage, type UsageRow } from './usage-row.ts';
import type { UsagePricing } from './stored-usage.ts';
import {
  BIG_AMOUNT,
  NO_TEXT,
  NUMBER,
  NUMBER_FIELDS,
  packUsageBatch,
  TEXT,
  TEXT_FIELDS,
  unpackUsage,
  type UsageBatch,
} from './usage-batch.ts';

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

/** What the records of a batch came to. */
export interface BatchOutcome {
  readonly stored: number;
  readonly replaced: number;
  readonly duplicate: number;
  /** Unpriced records stored or replacing a stored copy (duplicates not counted). */
  readonly unpricedRecords: number;
}

/** One file's ingest: atomic (a savepoint), so a crash leaves the file fully in or not in. */
export interface FileIngest {
  /** Stores a batch of the file's records, in order (a record later in it may replace an earlier one). */
  writeBatch(batch: UsageBatch): BatchOutcome;
  /** One record: a batch of one. */
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

/**
 * Pending rollup rows are written when this many accumulate, to bound memory on huge files (a million
 * requests over three months make 30,000 hourly rows by model: held to the end, with their copy into
 * the session's rollups at commit, they were the ingest's peak memory).
 */
const ROLLUP_FLUSH_ROWS = 5_000;

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
  // The rows written reference the price book and source rows upserted just before them in the same
  // transaction, so checking each reference is wasted work; without the checks, an insert of several
  // rows needs no statement journal (ingest-statements.ts). Restored when the session ends.
  const foreignKeys = store.pragma('foreign_keys', { simple: true }) as number;
  store.pragma('foreign_keys = OFF');
  const restoreForeignKeys = (): void => {
    store.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
  };
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
      restoreForeignKeys();
    },
    abort() {
      for (const { accumulator } of pending) accumulator.drain();
      if (isInTransaction) store.exec('ROLLBACK');
      isInTransaction = false;
      restoreForeignKeys();
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
  const [hourly, daily] = rollups as [RollupSet[number], RollupSet[number]];
  const applyToRollups = (
    usage: UsageRecord,
    pricing: UsagePricing,
    sourceKind: SourceKind,
    sign: 1 | -1,
  ): void => {
    for (const rollup of rollups) rollup.accumulator.apply(usage, pricing, sourceKind, sign);
  };
  const constants: RowConstants = { priceBookId, sourceId, sourceKindIndex: SOURCE_KINDS.indexOf(kind) };
  const groupArgs = new Array<unknown>(INSERT_GROUP_ROWS * USAGE_COLUMNS.length);
  const rowArgs = new Array<unknown>(USAGE_COLUMNS.length);

  /**
   * Record `index` of `batch`, whose insert was skipped because its dedup hash is taken: the same usage
   * stored before (kept if at least as large, else replaced), or a hash collision (probe on).
   */
  const resolveConflict = (batch: UsageBatch, index: number, outcome: MutableOutcome): void => {
    const key = batch.dedupKeys[index] as string;
    let isInsertDue = false;
    for (let seed = 0; ;) {
      const id = seed === 0 ? hashOf(batch, index) : dedupHash(key, seed);
      if (isInsertDue) {
        fillRow(rowArgs, 0, batch, index, id, constants);
        rowsWritten += 1;
        if (statements.insertUsage.run(...rowArgs).changes === 1) {
          countStored(outcome, batch, index, 1);
          return;
        }
      }
      const existingRow = statements.selectByHash.get(id) as UsageRow | undefined;
      isInsertDue = true;
      if (existingRow === undefined) continue;
      if (existingRow.dedup_key !== key) {
        seed += 1;
        continue;
      }
      const usage = unpackUsage(batch, index);
      const existing = rowToStoredUsage(existingRow);
      if (totalTokens(usage) <= totalTokens(existing)) {
        // The batch's rollups counted it as new.
        applyToRollups(usage, usage, kind, -1);
        outcome.duplicate += 1;
        return;
      }
      fillRow(rowArgs, 0, batch, index, id, constants);
      statements.replaceByHash.run(...rowArgs, id);
      applyToRollups(existing, existing, existingRow.source_kind, -1);
      outcome.replaced += 1;
      if (usage.costPico === null) outcome.unpricedRecords += 1;
      return;
    }
  };

  /** Inserts `rows` records of `batch` from `first` in one statement, then resolves those skipped. */
  const insertRows = (batch: UsageBatch, first: number, rows: number, outcome: MutableOutcome): void => {
    const isGroup = rows === INSERT_GROUP_ROWS;
    const args = isGroup ? groupArgs : rowArgs;
    for (let row = 0; row < rows; row += 1) {
      fillRow(args, row * USAGE_COLUMNS.length, batch, first + row, hashOf(batch, first + row), constants);
    }
    const statement = isGroup ? statements.insertUsageGroup : statements.insertUsage;
    const { changes, lastInsertRowid } = statement.run(...args);
    rowsWritten += rows;
    if (changes === rows) {
      countStored(outcome, batch, first, rows);
      return;
    }
    // Row ids are assigned in order, one above the largest: the statement's rows are the last `changes`.
    const inserted =
      changes === 0 ? [] : (statements.selectHashesAfter.all(Number(lastInsertRowid) - changes) as number[]);
    let next = 0;
    for (let index = first; index < first + rows; index += 1) {
      // The inserted hashes are a subsequence of the rows' in row order: a row whose hash was taken
      // (by a stored row, or an earlier row of the statement) was skipped.
      if (next < inserted.length && inserted[next] === hashOf(batch, index)) {
        next += 1;
        countStored(outcome, batch, index, 1);
      } else {
        resolveConflict(batch, index, outcome);
      }
    }
  };

  const writeBatch = (batch: UsageBatch): BatchOutcome => {
    if (batch.sourceKind !== kind) throw new Error(`a ${batch.sourceKind} batch offered to a ${kind} source`);
    const outcome: MutableOutcome = { stored: 0, replaced: 0, duplicate: 0, unpricedRecords: 0 };
    // Days are whole UTC hours: the daily rollup takes the batch's hourly sums too.
    for (const sums of batch.hourly) {
      hourly.accumulator.absorb(sums);
      daily.accumulator.absorb(sums);
    }
    let index = 0;
    for (; index + INSERT_GROUP_ROWS <= batch.count; index += INSERT_GROUP_ROWS) {
      insertRows(batch, index, INSERT_GROUP_ROWS, outcome);
    }
    for (; index < batch.count; index += 1) insertRows(batch, index, 1, outcome);
    if (hourly.accumulator.size >= ROLLUP_FLUSH_ROWS) flushRollupSet(rollups);
    return outcome;
  };

  return {
    writeBatch,
    write(usage, pricing) {
      const outcome = writeBatch(packUsageBatch([usage], [pricing], kind));
      return outcome.stored === 1 ? 'stored' : outcome.replaced === 1 ? 'replaced' : 'duplicate';
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

type MutableOutcome = { -readonly [K in keyof BatchOutcome]: BatchOutcome[K] };

/** The values of a row that are the same for every row of a file. */
interface RowConstants {
  readonly priceBookId: number;
  readonly sourceId: number;
  /** The source kind's index in SOURCE_KINDS (ENUM_COLUMNS). */
  readonly sourceKindIndex: number;
}

function hashOf(batch: UsageBatch, index: number): number {
  return batch.numbers[index * NUMBER_FIELDS + NUMBER.dedupHash] as number;
}

/** Counts `rows` records of `batch` from `first` as stored. */
function countStored(outcome: MutableOutcome, batch: UsageBatch, first: number, rows: number): void {
  outcome.stored += rows;
  for (let index = first; index < first + rows; index += 1) {
    if (Number.isNaN(batch.numbers[index * NUMBER_FIELDS + NUMBER.costPico])) outcome.unpricedRecords += 1;
  }
}

/** An amount column: null, a safe integer, or (beyond 2^53) its exact value carried as text. */
function amountOf(batch: UsageBatch, index: number, slot: number): number | bigint | null {
  const value = batch.numbers[index * NUMBER_FIELDS + slot] as number;
  if (value !== BIG_AMOUNT) return Number.isNaN(value) ? null : value;
  const big = batch.bigAmounts.find(([row, column]) => row === index && column === slot);
  return big === undefined ? null : BigInt(big[2]);
}

/**
 * Puts the values of USAGE_COLUMNS (ingest-statements.ts), in order, for record `index` of `batch`
 * stored under row key `id`, into `args` from `at`. Counts go in as doubles (SQLite stores whole
 * values in INTEGER columns as integers); status, price layer and source kind as their index in their
 * list (ENUM_COLUMNS).
 */
function fillRow(
  args: unknown[],
  at: number,
  batch: UsageBatch,
  index: number,
  id: number,
  constants: RowConstants,
): void {
  const { numbers, texts, dictionary } = batch;
  const n = index * NUMBER_FIELDS;
  const t = index * TEXT_FIELDS;
  const text = (slot: number): string | null => {
    const code = texts[t + slot] as number;
    return code === NO_TEXT ? null : (dictionary[code] as string);
  };
  const requests = numbers[n + NUMBER.requests] as number;
  args[at] = id;
  args[at + 1] = batch.dedupKeys[index];
  args[at + 2] = numbers[n + NUMBER.occurredAtMs];
  args[at + 3] = text(TEXT.provider);
  args[at + 4] = text(TEXT.model);
  args[at + 5] = Number.isNaN(requests) ? null : requests;
  args[at + 6] = numbers[n + NUMBER.inputTokens];
  args[at + 7] = numbers[n + NUMBER.cacheReadTokens];
  args[at + 8] = numbers[n + NUMBER.cacheWrite5mTokens];
  args[at + 9] = numbers[n + NUMBER.cacheWrite1hTokens];
  args[at + 10] = numbers[n + NUMBER.cacheWriteTokens];
  args[at + 11] = numbers[n + NUMBER.outputTokens];
  args[at + 12] = numbers[n + NUMBER.reasoningTokens];
  args[at + 13] = numbers[n + NUMBER.webSearchRequests];
  args[at + 14] = numbers[n + NUMBER.status];
  args[at + 15] = text(TEXT.project);
  args[at + 16] = text(TEXT.user);
  args[at + 17] = text(TEXT.team);
  args[at + 18] = text(TEXT.apiKey);
  args[at + 19] = text(TEXT.workspace);
  args[at + 20] = text(TEXT.session);
  args[at + 21] = text(TEXT.serviceTier);
  args[at + 22] = numbers[n + NUMBER.isBatch];
  args[at + 23] = text(TEXT.tags);
  args[at + 24] = amountOf(batch, index, NUMBER.reportedCostPico);
  args[at + 25] = text(TEXT.reportedCurrency);
  args[at + 26] = amountOf(batch, index, NUMBER.costPico);
  args[at + 27] = text(TEXT.pricedModel);
  args[at + 28] = text(TEXT.unpricedReason);
  const priceLayer = numbers[n + NUMBER.priceLayer] as number;
  args[at + 29] = Number.isNaN(priceLayer) ? null : priceLayer;
  args[at + 30] = constants.priceBookId;
  args[at + 31] = constants.sourceId;
  args[at + 32] = numbers[n + NUMBER.sourceLine];
  args[at + 33] = constants.sourceKindIndex;
  const latencyMs = numbers[n + NUMBER.latencyMs] as number;
  args[at + 34] = Number.isNaN(latencyMs) ? null : latencyMs;
  const timeToFirstTokenMs = numbers[n + NUMBER.timeToFirstTokenMs] as number;
  args[at + 35] = Number.isNaN(timeToFirstTokenMs) ? null : timeToFirstTokenMs;
}
