import type { Adapter } from '../../ingest/adapter.ts';
import { openIngestSession, type IngestSession } from '../../store/file-ingest.ts';
import type { Store } from '../../store/open-store.ts';
import type { Context } from '../context.ts';
import { loadPricing, type LoadedPricing } from '../load-pricing.ts';
import { createProgress, type Progress } from '../progress.ts';
import type { Settings } from '../settings.ts';
import { ingestParsedFile, type FileIngestSummary, type IngestPolicy, type ReadPlan } from './ingest-file.ts';
import { parseSource } from './parse-source.ts';
import { startParseWorker, type ParseRun, type ParseWorker } from './start-parse-worker.ts';

/** A file to read, how much of it, with the adapter that parses it (and stdin's stream, peeked). */
export interface PlannedRead {
  readonly plan: Extract<ReadPlan, { kind: 'read' }>;
  readonly adapter: Adapter;
  readonly stream: NodeJS.ReadableStream | undefined;
}

/** Below this many bytes to read, parsing in-process beats starting a worker thread. */
const WORKER_MIN_BYTES = 8 * 1024 * 1024;
const MAX_PARSE_WORKERS = 2;

/**
 * Parses, prices and stores the files an ingest has to read, one transaction per file. This module (and
 * the parser, the price book and the worker code it loads) is imported only when there is something to
 * read, so a re-scan of unchanged logs starts faster.
 */
export async function readPlannedFiles(
  store: Store,
  reads: readonly PlannedRead[],
  policy: IngestPolicy,
  settings: Settings,
  ctx: Context,
): Promise<FileIngestSummary[]> {
  const summaries: FileIngestSummary[] = [];
  const bytesToRead = reads.reduce((sum, read) => sum + read.plan.sizeBytes - read.plan.job.startOffset, 0);
  const progress = createProgress(ctx, settings.isQuiet, bytesToRead);
  // Large inputs are parsed in worker threads while this one writes; small ones are not worth their
  // start-up. Several files get two workers: parsing many small logs costs more than storing them.
  // They start first, so they load their price book while this thread loads its own.
  const isWorthAWorker = bytesToRead >= WORKER_MIN_BYTES && reads.every((read) => read.stream === undefined);
  const worker: ParseWorker | null = isWorthAWorker
    ? startParseWorker(
        {
          pricingFile: settings.pricingFile,
          priceOverrides: settings.priceOverrides,
          maxProblemsKept: policy.maxProblemsKept,
        },
        Math.min(MAX_PARSE_WORKERS, reads.length),
      )
    : null;
  let session: IngestSession | null = null;
  try {
    const pricing = loadPricing(settings);
    const openSession = openIngestSession(store, pricing.version);
    session = openSession;
    const runs: ParseRun[] =
      worker !== null
        ? reads.map(({ plan }) =>
            worker.submit(plan.job, plan.sizeBytes - plan.job.startOffset, progress.onBytes),
          )
        : inProcessRuns(reads, pricing.price, policy.maxProblemsKept, progress);
    for (const [index, read] of reads.entries()) {
      const run = runs[index];
      if (run === undefined) continue;
      summaries.push(await ingestParsedFile(openSession, read.adapter.kind, read.plan, run, policy));
      progress.fileDone(read.plan.sizeBytes - read.plan.job.startOffset);
    }
    progress.finish();
    session.close();
  } catch (error) {
    session?.abort();
    throw error;
  } finally {
    await worker?.close();
  }
  return summaries;
}

function inProcessRuns(
  reads: readonly PlannedRead[],
  priceUsage: LoadedPricing['price'],
  maxProblemsKept: number,
  progress: Progress,
): ParseRun[] {
  return reads.map(
    ({ plan, adapter, stream }) =>
      (emit) =>
        parseSource(
          plan.job,
          {
            adapter,
            priceUsage,
            maxProblemsKept,
            onBytes: progress.onBytes,
            ...(stream === undefined ? {} : { stream }),
          },
          emit,
        ),
  );
}
