import type { PriceOverride } from '../../pricing/price-override.ts';
import type { ParseEnd, ParseJob, ParsedBatch } from './parse-source.ts';

/** What the parse worker is started with. */
export interface WorkerOptions {
  readonly pricingFile: string | null;
  /** Validated by the main thread, which has already built a pricer from them. */
  readonly priceOverrides: readonly PriceOverride[];
  readonly maxProblemsKept: number;
}

export type ToWorker =
  /** Jobs to parse, in order (all the jobs queued in one turn of the main thread). */
  | { readonly type: 'jobs'; readonly jobs: readonly { readonly jobId: number; readonly job: ParseJob }[] }
  /** The main thread consumed the batches of one `results` message: the worker may send another. */
  | { readonly type: 'credit' };

/** One job's output, in order: its batches, then its end or an error. */
export type JobResult =
  | { readonly type: 'batch'; readonly jobId: number; readonly batch: ParsedBatch }
  | { readonly type: 'end'; readonly jobId: number; readonly end: ParseEnd }
  | { readonly type: 'error'; readonly jobId: number; readonly message: string };

export type ToMain =
  /**
   * Results of one or more jobs: small files (15,000 Claude Code logs) share a message, so the threads
   * exchange a few hundred messages rather than tens of thousands.
   */
  | { readonly type: 'results'; readonly results: readonly JobResult[] }
  | { readonly type: 'bytes'; readonly jobId: number; readonly bytesRead: number };
