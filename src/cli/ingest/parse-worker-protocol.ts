import type { PriceOverride } from '../../pricing/price-override.ts';
import type { ParseEnd, ParseJob } from './parse-source.ts';
import type { EncodedBatch } from './record-batch-codec.ts';

/** What the parse worker is started with. */
export interface WorkerOptions {
  readonly pricingFile: string | null;
  /** Validated by the main thread, which has already built a pricer from them. */
  readonly priceOverrides: readonly PriceOverride[];
  readonly maxProblemsKept: number;
}

export type ToWorker =
  | { readonly type: 'job'; readonly jobId: number; readonly job: ParseJob }
  /** The main thread consumed one batch: the worker may send another. */
  | { readonly type: 'credit' };

export type ToMain =
  | { readonly type: 'batch'; readonly jobId: number; readonly batch: EncodedBatch }
  | { readonly type: 'bytes'; readonly jobId: number; readonly bytesRead: number }
  | { readonly type: 'end'; readonly jobId: number; readonly end: ParseEnd }
  | { readonly type: 'error'; readonly jobId: number; readonly message: string };
