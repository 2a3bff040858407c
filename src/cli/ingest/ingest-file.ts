import { statSync } from 'node:fs';
import type { Adapter } from '../../ingest/adapter.ts';
import { fingerprintFilePrefix } from '../../ingest/fingerprint-file.ts';
import { readLineBatches } from '../../ingest/read-lines.ts';
import type { IngestProblem } from '../../model/ingest-problem.ts';
import type { PricingInput, RecordCost } from '../../pricing/record-cost.ts';
import { totalTokens, type UsageRecord } from '../../model/usage-record.ts';
import { beginFileIngest, type SourceState } from '../../store/file-ingest.ts';
import type { Store } from '../../store/open-store.ts';
import type { UsagePricing } from '../../store/stored-usage.ts';

/** Prices one record: the pricing engine's answer, or unpriced with a reason (never 0 for unknown). */
export type PriceUsage = (usage: PricingInput) => RecordCost;

export interface IngestFileRequest {
  readonly displayPath: string;
  /** Absolute path, or '-' for stdin. */
  readonly sourcePath: string;
  readonly stdin: NodeJS.ReadableStream | null;
  readonly adapter: Adapter;
  readonly previous: SourceState | null;
  readonly extraTags: Readonly<Record<string, string>>;
  /** Reject the whole file when any row is bad (default: keep the good rows). */
  readonly isStrict: boolean;
  /** Parse, price and count against the store, then roll back. */
  readonly isDryRun: boolean;
  /** Re-read the file from the start even if it did not change. */
  readonly isForced: boolean;
  readonly priceUsage: PriceUsage;
  readonly priceBookVersion: string;
  readonly nowMs: number;
  readonly maxProblemsKept: number;
  readonly onBytes?: (bytesRead: number) => void;
}

export interface FileIngestSummary {
  readonly displayPath: string;
  readonly format: string;
  /** unchanged: skipped by size/mtime; rejected: --strict and a bad row, nothing written. */
  readonly outcome: 'ingested' | 'unchanged' | 'rejected' | 'dry-run';
  /** full read, or only the appended tail of a grown file. */
  readonly readMode: 'full' | 'tail' | 'none';
  readonly rowsRead: number;
  readonly stored: number;
  readonly replaced: number;
  readonly duplicate: number;
  readonly rejected: number;
  readonly unpricedRecords: number;
  readonly problems: readonly IngestProblem[];
  readonly warnings: readonly string[];
}

/**
 * Ingests one file in one transaction. Policy (the same for every format, README "Bad input"):
 * a row that fails validation is reported and skipped, the good rows are kept; with `isStrict`, any
 * bad row rolls the whole file back. A grown file whose earlier bytes are unchanged is read from where
 * the last ingest stopped; an unchanged file is not read at all.
 */
export async function ingestFile(store: Store, request: IngestFileRequest): Promise<FileIngestSummary> {
  const { adapter, previous } = request;
  const isStdin = request.stdin !== null;
  const isGzip = request.sourcePath.endsWith('.gz');
  const stats = isStdin ? null : statSync(request.sourcePath);
  const sizeBytes = stats?.size ?? 0;
  const mtimeMs = Math.trunc(stats?.mtimeMs ?? 0);

  const counts = { rowsRead: 0, stored: 0, replaced: 0, duplicate: 0, rejected: 0, unpricedRecords: 0 };
  const problems: IngestProblem[] = [];
  const warnings: string[] = [];
  const summarize = (
    outcome: FileIngestSummary['outcome'],
    readMode: FileIngestSummary['readMode'],
  ): FileIngestSummary => ({
    displayPath: request.displayPath,
    format: adapter.format,
    outcome,
    readMode,
    ...counts,
    problems,
    warnings,
  });

  const isSameFormat = previous?.format === adapter.format;
  if (
    !isStdin &&
    !request.isForced &&
    isSameFormat &&
    previous.sizeBytes === sizeBytes &&
    previous.mtimeMs === mtimeMs
  ) {
    return summarize('unchanged', 'none');
  }
  const canResume =
    !isStdin &&
    !isGzip &&
    !request.isForced &&
    isSameFormat &&
    previous.bytesIngested > 0 &&
    sizeBytes >= previous.bytesIngested &&
    fingerprintFilePrefix(request.sourcePath, previous.bytesIngested) === previous.fingerprint;
  const startOffset = canResume ? previous.bytesIngested : 0;
  const startLineNumber = canResume ? previous.linesIngested + 1 : 1;

  const transaction = beginFileIngest(store, request.sourcePath, adapter.format, request.priceBookVersion);
  try {
    const parser = adapter.createParser({ file: request.displayPath });
    const keepProblems = (found: readonly IngestProblem[]): void => {
      counts.rejected += 1;
      for (const problem of found) if (problems.length < request.maxProblemsKept) problems.push(problem);
    };
    const storeRecord = (record: UsageRecord): void => {
      counts.rowsRead += 1;
      const usage = withTags(record, request.extraTags);
      const pricing = priceUsage(usage, request.priceUsage);
      if (pricing.costPico === null) counts.unpricedRecords += 1;
      const outcome = transaction.write(usage, pricing);
      counts[outcome === 'stored' ? 'stored' : outcome === 'replaced' ? 'replaced' : 'duplicate'] += 1;
    };

    let endOffset = startOffset;
    let lastLineNumber = startLineNumber - 1;
    for await (const batch of readLineBatches(request.stdin ?? request.sourcePath, {
      startOffset,
      startLineNumber,
      isGzip,
      ...(request.onBytes ? { onBytes: request.onBytes } : {}),
    })) {
      let lineNumber = batch.firstLineNumber;
      for (const text of batch.lines) {
        const result = parser.parseLine(text, lineNumber);
        if (result.ok) {
          for (const record of result.records) storeRecord(record);
        } else if (batch.hasUnterminatedTail && !isStdin) {
          warnings.push(
            `${request.displayPath}:${lineNumber}: last line is incomplete (no newline) and was not read; ` +
              'it will be read once the file is complete',
          );
        } else {
          keepProblems(result.problems);
        }
        lineNumber += 1;
      }
      if (!batch.hasUnterminatedTail || isStdin) {
        endOffset = batch.endOffset;
        lastLineNumber = lineNumber - 1;
      }
    }
    const finished = parser.finish();
    if (finished.ok) for (const record of finished.records) storeRecord(record);
    else keepProblems(finished.problems);

    if (request.isStrict && counts.rejected > 0) {
      transaction.rollback();
      return summarize('rejected', canResume ? 'tail' : 'full');
    }
    if (request.isDryRun) {
      transaction.rollback();
      return summarize('dry-run', canResume ? 'tail' : 'full');
    }
    transaction.commit({
      format: adapter.format,
      sizeBytes,
      mtimeMs,
      fingerprint: isStdin || isGzip ? '' : fingerprintFilePrefix(request.sourcePath, endOffset),
      bytesIngested: isGzip ? 0 : endOffset,
      linesIngested: lastLineNumber,
      ...counts,
      rowsStored: counts.stored + counts.replaced,
      rowsDuplicate: counts.duplicate,
      rowsRejected: counts.rejected,
      ingestedAtMs: request.nowMs,
    });
    return summarize('ingested', canResume ? 'tail' : 'full');
  } catch (error) {
    transaction.rollback();
    throw error;
  }
}

function withTags(record: UsageRecord, extraTags: Readonly<Record<string, string>>): UsageRecord {
  for (const key in extraTags) {
    if (Object.hasOwn(extraTags, key)) return { ...record, tags: { ...record.tags, ...extraTags } };
  }
  return record;
}

const FREE: UsagePricing = { costPico: 0n, pricedModel: null, unpricedReason: null };

function priceUsage(usage: UsageRecord, price: PriceUsage): UsagePricing {
  // A request that used nothing (a failed call) costs nothing, whatever its model.
  if (totalTokens(usage) === 0 && usage.webSearchRequests === 0) return FREE;
  const cost = price(usage);
  return cost.kind === 'priced'
    ? { costPico: cost.costPico, pricedModel: cost.modelId, unpricedReason: null }
    : { costPico: null, pricedModel: null, unpricedReason: cost.reason };
}
