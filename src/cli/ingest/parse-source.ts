import type { Adapter, ColumnMapping } from '../../ingest/adapter.ts';
import { fingerprintFilePrefix } from '../../ingest/fingerprint-file.ts';
import { readLineBatches } from '../../ingest/read-lines.ts';
import type { IngestProblem } from '../../model/ingest-problem.ts';
import { totalTokens, type UsageRecord } from '../../model/usage-record.ts';
import type { PricingInput, RecordCost } from '../../pricing/record-cost.ts';
import { priceForStore } from '../../pricing/price-for-store.ts';
import { createUsageBatchBuilder, type UsageBatch } from '../../store/usage-batch.ts';

/** Prices one record: the pricing engine's answer, or unpriced with a reason (never 0 for unknown). */
export type PriceUsage = (usage: PricingInput) => RecordCost;

/** What to read of one source: all of it, or the tail after an earlier ingest. */
export interface ParseJob {
  readonly displayPath: string;
  /** Absolute path; ignored when reading a stream (stdin). */
  readonly sourcePath: string;
  readonly format: string;
  readonly startOffset: number;
  readonly startLineNumber: number;
  readonly isGzip: boolean;
  /** `--tag k=v` tags added to every record. */
  readonly extraTags: Readonly<Record<string, string>>;
  /** Whether an unterminated last line is a live log's unfinished record (files) or just the end (stdin). */
  readonly mayGrow: boolean;
  /** The user's column mapping, for formats read through one (`csv`). */
  readonly columnMapping?: ColumnMapping;
}

/** Parsed and priced records of a run of lines, packed for the store, with what was rejected. */
export interface ParsedBatch {
  readonly usage: UsageBatch;
  /** Rows rejected in these lines (a row may have several problems). */
  readonly rejectedRows: number;
  /** Smaller copies of a record later in the same batch (streaming snapshots), dropped here: duplicates. */
  readonly collapsedCopies: number;
  readonly problems: readonly IngestProblem[];
  readonly warnings: readonly string[];
}

/** Where reading stopped: the offset and line number a later tail read resumes from. */
export interface ParseEnd {
  readonly endOffset: number;
  readonly lastLineNumber: number;
  /**
   * fingerprintFilePrefix of the bytes read, to tell a grown file from a rewritten one next time ('' for
   * a source that cannot grow). Taken here, so the parse worker does it rather than the writing thread.
   */
  readonly fingerprint: string;
}

export interface ParseDependencies {
  readonly adapter: Adapter;
  readonly priceUsage: PriceUsage;
  /** A stream to read instead of the file (stdin). */
  readonly stream?: NodeJS.ReadableStream;
  readonly onBytes?: (bytesRead: number) => void;
  /** Problems beyond this many per source are counted, not kept. */
  readonly maxProblemsKept: number;
}

const BATCH_RECORDS = 2_000;

/**
 * Reads, parses, tags and prices one source, handing batches to `emit` (awaited, for backpressure).
 * Pure of the store: the same function runs in-process and in the parse worker.
 */
export async function parseSource(
  job: ParseJob,
  dependencies: ParseDependencies,
  emit: (batch: ParsedBatch) => void | Promise<void>,
): Promise<ParseEnd> {
  const parser = dependencies.adapter.createParser({
    file: job.displayPath,
    ...(job.columnMapping === undefined ? {} : { columnMapping: job.columnMapping }),
  });
  const usage = createUsageBatchBuilder(dependencies.adapter.kind);
  let problems: IngestProblem[] = [];
  let warnings: string[] = [];
  let rejectedRows = 0;
  let collapsedCopies = 0;
  let problemsKept = 0;
  // Copies of one record within a batch (Claude Code writes a message once per content block, output
  // growing) collapse here into the largest, so the store writes each once instead of replacing it.
  let indexByKey = new Map<string, number>();
  // The last record read waits here before it is priced and packed: copies usually follow each other,
  // and the largest of a run of them is the only one of the run priced and packed.
  let pending: UsageRecord | null = null;

  /** Records kept so far in the batch, the waiting one included (batches end where they always did). */
  const keptCount = (): number => usage.count + (pending === null ? 0 : 1);
  const packPending = (): void => {
    if (pending === null) return;
    indexByKey.set(pending.dedupKey, usage.count);
    usage.add(pending, priceForStore(pending, dependencies.priceUsage));
    pending = null;
  };
  const add = (record: UsageRecord): void => {
    const withExtraTags = withTags(record, job.extraTags);
    if (pending !== null && pending.dedupKey === withExtraTags.dedupKey) {
      collapsedCopies += 1;
      if (totalTokens(withExtraTags) > totalTokens(pending)) pending = withExtraTags;
      return;
    }
    packPending();
    const earlier = indexByKey.get(withExtraTags.dedupKey);
    if (earlier !== undefined) {
      collapsedCopies += 1;
      if (totalTokens(withExtraTags) > usage.totalTokensAt(earlier)) {
        usage.replace(earlier, withExtraTags, priceForStore(withExtraTags, dependencies.priceUsage));
      }
      return;
    }
    pending = withExtraTags;
  };
  const reject = (found: readonly IngestProblem[]): void => {
    // One rejected row per line named (a whole-file problem from finish() may name several lines).
    rejectedRows += Math.max(1, new Set(found.map((problem) => problem.line)).size);
    for (const problem of found) {
      if (problemsKept < dependencies.maxProblemsKept) problems.push(problem);
      problemsKept += 1;
    }
  };
  const flush = async (): Promise<void> => {
    packPending();
    if (usage.count === 0 && rejectedRows === 0 && warnings.length === 0 && collapsedCopies === 0) return;
    const batch: ParsedBatch = { usage: usage.take(), rejectedRows, collapsedCopies, problems, warnings };
    problems = [];
    warnings = [];
    rejectedRows = 0;
    collapsedCopies = 0;
    indexByKey = new Map();
    await emit(batch);
  };

  let endOffset = job.startOffset;
  let lastLineNumber = job.startLineNumber - 1;
  for await (const batch of readLineBatches(dependencies.stream ?? job.sourcePath, {
    startOffset: job.startOffset,
    startLineNumber: job.startLineNumber,
    isGzip: job.isGzip,
    ...(dependencies.adapter.skipLinesWithout === undefined
      ? {}
      : { skip: { requiredText: dependencies.adapter.skipLinesWithout } }),
    ...(dependencies.onBytes ? { onBytes: dependencies.onBytes } : {}),
  })) {
    const isLiveTail = batch.hasUnterminatedTail && job.mayGrow;
    for (const [index, text] of batch.lines.entries()) {
      const lineNumber = batch.lineNumbers[index] ?? 0;
      const result = parser.parseLine(text, lineNumber);
      if (result.ok) {
        for (const record of result.records) add(record);
      } else if (isLiveTail) {
        warnings.push(
          `${job.displayPath}:${lineNumber}: last line is incomplete (no newline) and was not read; ` +
            'it will be read once the file is complete',
        );
      } else {
        reject(result.problems);
        for (const record of result.records ?? []) add(record);
      }
      if (keptCount() >= BATCH_RECORDS) await flush();
    }
    if (!isLiveTail) {
      endOffset = batch.endOffset;
      lastLineNumber = batch.lastLineNumber;
    }
  }
  const finished = parser.finish();
  if (!finished.ok) reject(finished.problems);
  for (const record of finished.records ?? []) add(record);
  await flush();
  const fingerprint = job.mayGrow ? fingerprintFilePrefix(job.sourcePath, endOffset) : '';
  return { endOffset, lastLineNumber, fingerprint };
}

function withTags(record: UsageRecord, extraTags: Readonly<Record<string, string>>): UsageRecord {
  for (const key in extraTags) {
    if (Object.hasOwn(extraTags, key)) return { ...record, tags: { ...record.tags, ...extraTags } };
  }
  return record;
}
