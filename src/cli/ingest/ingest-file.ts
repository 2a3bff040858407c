import { statSync } from 'node:fs';
import { fingerprintFilePrefix } from '../../ingest/fingerprint-file.ts';
import type { ColumnMapping } from '../../ingest/adapter.ts';
import type { IngestProblem } from '../../model/ingest-problem.ts';
import type { SourceKind } from '../../model/source-kind.ts';
import type { FileSummaryView } from '../../output/render-ingest-summary.ts';
import { collectGroupings, findGroupingConflict } from '../../ingest/bucket-grouping.ts';
import type { FileIngest, IngestSession } from '../../store/file-ingest.ts';
import type { StoredSource } from '../../store/select-source-state.ts';
import type { ParseJob } from './parse-source.ts';
import type { ParseRun } from './start-parse-worker.ts';

export interface FileToIngest {
  readonly displayPath: string;
  /** Absolute path, or '-' for stdin. */
  readonly sourcePath: string;
  readonly format: string;
  /** A document (CSV with a header, saved API response), read whole: never resumed, never growing. */
  readonly isDocument: boolean;
  readonly previous: StoredSource | null;
  readonly extraTags: Readonly<Record<string, string>>;
  /** Re-read the file from the start even if it did not change. */
  readonly isForced: boolean;
  /** False when the format's parser needs the file's first line (a CSV header): no tail reads. */
  readonly canReadTail: boolean;
  readonly columnMapping?: ColumnMapping;
}

/** What to do with a file: skip it (unchanged since the last ingest) or read it, all or its tail. */
export type ReadPlan =
  | { readonly kind: 'unchanged' }
  | {
      readonly kind: 'read';
      readonly job: ParseJob;
      readonly readMode: 'full' | 'tail';
      readonly sizeBytes: number;
      readonly mtimeMs: number;
    };

/**
 * Decides how much of a file to read. Unchanged size and mtime: nothing. Grown, with the bytes read
 * last time unchanged (same fingerprint): only the tail, from the offset and line where the last ingest
 * stopped. Anything else, a different format, a document format, stdin or .gz: all of it (dedup keys
 * make that safe).
 */
export function planFileRead(
  file: FileToIngest,
  storedFingerprint: (sourcePath: string) => string | null,
): ReadPlan {
  const isStdin = file.sourcePath === '-';
  const isGzip = file.sourcePath.endsWith('.gz');
  const stats = isStdin ? null : statSync(file.sourcePath);
  const sizeBytes = stats?.size ?? 0;
  const mtimeMs = Math.trunc(stats?.mtimeMs ?? 0);
  const previous = file.previous?.format === file.format && !file.isForced && !isStdin ? file.previous : null;
  if (previous !== null && previous.sizeBytes === sizeBytes && previous.mtimeMs === mtimeMs) {
    return { kind: 'unchanged' };
  }
  const canResume =
    file.canReadTail &&
    previous !== null &&
    !file.isDocument &&
    !isGzip &&
    previous.bytesIngested > 0 &&
    sizeBytes >= previous.bytesIngested &&
    fingerprintFilePrefix(file.sourcePath, previous.bytesIngested) === storedFingerprint(file.sourcePath);
  return {
    kind: 'read',
    readMode: canResume ? 'tail' : 'full',
    sizeBytes,
    mtimeMs,
    job: {
      displayPath: file.displayPath,
      sourcePath: file.sourcePath,
      format: file.format,
      startOffset: canResume ? previous.bytesIngested : 0,
      startLineNumber: canResume ? previous.linesIngested + 1 : 1,
      isGzip,
      extraTags: file.extraTags,
      mayGrow: !isStdin && !isGzip && !file.isDocument,
      ...(file.columnMapping === undefined ? {} : { columnMapping: file.columnMapping }),
    },
  };
}

export interface IngestPolicy {
  /** Reject the whole file when any row is bad (default: keep the good rows). */
  readonly isStrict: boolean;
  /** Parse, price and count against the store, then roll back. */
  readonly isDryRun: boolean;
  readonly nowMs: number;
  readonly maxProblemsKept: number;
}

/** What ingest reports per file: the summary view, plus warnings printed on stderr. */
export interface FileIngestSummary extends FileSummaryView {
  readonly warnings: readonly string[];
  /** Why the whole file was refused (an aggregate export grouped unlike one stored), or undefined. */
  readonly refusal?: string;
}

export function unchangedSummary(file: FileToIngest): FileIngestSummary {
  return {
    displayPath: file.displayPath,
    format: file.format,
    outcome: 'unchanged',
    readMode: 'none',
    rowsRead: 0,
    stored: 0,
    replaced: 0,
    duplicate: 0,
    rejected: 0,
    unpricedRecords: 0,
    problems: [],
    warnings: [],
  };
}

/**
 * Stores one file's parsed records atomically. Policy (the same for every format, README "Bad
 * input policy"): a row that fails validation is reported and skipped, the good rows are kept; with
 * `isStrict`, any bad row rolls the whole file back.
 */
export async function ingestParsedFile(
  session: IngestSession,
  sourceKind: SourceKind,
  plan: Extract<ReadPlan, { kind: 'read' }>,
  parse: ParseRun,
  policy: IngestPolicy,
): Promise<FileIngestSummary> {
  const { job } = plan;
  const counts = { rowsRead: 0, stored: 0, replaced: 0, duplicate: 0, rejected: 0, unpricedRecords: 0 };
  const problems: IngestProblem[] = [];
  const warnings: string[] = [];
  const summarize = (outcome: FileIngestSummary['outcome']): FileIngestSummary => ({
    displayPath: job.displayPath,
    format: job.format,
    outcome,
    readMode: plan.readMode,
    ...counts,
    problems,
    warnings,
  });

  // Only a strict or dry-run ingest rolls one file back and goes on; an error ends the whole run.
  const transaction = session.beginFile(
    job.sourcePath,
    job.format,
    sourceKind,
    plan.sizeBytes - job.startOffset,
    // A billing export may be refused whole for its grouping; such files are small documents.
    policy.isStrict || policy.isDryRun || sourceKind === 'billing',
  );
  // Aggregate rows' dedup keys, to compare the file's grouping with stored exports before commit.
  const billingKeys: string[] = [];
  try {
    const end = await parse((batch) => {
      counts.rejected += batch.rejectedRows;
      counts.rowsRead += batch.collapsedCopies;
      counts.duplicate += batch.collapsedCopies;
      for (const problem of batch.problems)
        if (problems.length < policy.maxProblemsKept) problems.push(problem);
      warnings.push(...batch.warnings);
      const { usage } = batch;
      counts.rowsRead += usage.count;
      if (sourceKind === 'billing') billingKeys.push(...usage.dedupKeys);
      const written = transaction.writeBatch(usage);
      counts.stored += written.stored;
      counts.replaced += written.replaced;
      counts.duplicate += written.duplicate;
      counts.unpricedRecords += written.unpricedRecords;
    });
    const refusal = describeGroupingConflict(job.displayPath, billingKeys, transaction);
    if (refusal !== null) {
      transaction.rollback();
      Object.assign(counts, { stored: 0, replaced: 0, duplicate: 0, unpricedRecords: 0 });
      return { ...summarize('refused'), refusal };
    }
    if (policy.isStrict && counts.rejected > 0) {
      transaction.rollback();
      // Nothing of the file was stored: say so in the counts, not only in the outcome.
      Object.assign(counts, { stored: 0, replaced: 0, duplicate: 0, unpricedRecords: 0 });
      return summarize('rejected');
    }
    if (policy.isDryRun) {
      transaction.rollback();
      return summarize('dry-run');
    }
    transaction.commit({
      format: job.format,
      sizeBytes: plan.sizeBytes,
      mtimeMs: plan.mtimeMs,
      fingerprint: end.fingerprint,
      bytesIngested: job.isGzip ? 0 : end.endOffset,
      linesIngested: end.lastLineNumber,
      rowsRead: counts.rowsRead,
      rowsStored: counts.stored + counts.replaced,
      rowsDuplicate: counts.duplicate,
      rowsRejected: counts.rejected,
      ingestedAtMs: policy.nowMs,
    });
    return summarize('ingested');
  } catch (error) {
    transaction.rollback();
    throw error;
  }
}

const DAY_MS = 86_400_000;

/**
 * Why a billing export must be refused: its aggregate rows overlap stored ones of the same report
 * grouped differently (dimensions or bucket length), which are not additive. Null when they do not.
 */
function describeGroupingConflict(
  displayPath: string,
  billingKeys: readonly string[],
  transaction: FileIngest,
): string | null {
  const ownKeys = new Set(billingKeys);
  for (const grouping of collectGroupings(billingKeys)) {
    const first = grouping.buckets[0];
    const last = grouping.buckets.at(-1);
    if (first === undefined || last === undefined) continue;
    // Stored rows are stamped with their bucket's start; buckets last a day at most.
    // Rows with this file's keys are its own or the same rows from a re-export: what is left shows how
    // the other stored exports, or an earlier version of this path, are grouped.
    const stored = transaction
      .selectBillingKeys(`${grouping.report}:`, first[0] - DAY_MS, last[1])
      .filter((row) => !ownKeys.has(row.dedupKey));
    const conflict = findGroupingConflict(grouping, stored);
    if (conflict === null) continue;
    return (
      `${displayPath}: refused: its ${conflict.report} rows are grouped ${conflict.fileGrouping}, but ` +
      `${conflict.storedPath} (stored earlier) covers the same time grouped ${conflict.storedGrouping}. Exports ` +
      'grouped differently are not additive: storing both would count the same usage twice. Export ' +
      'this period again with the same grouping as the stored file, or ingest it into another --db.'
    );
  }
  return null;
}
