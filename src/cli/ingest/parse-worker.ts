/**
 * Worker-thread entry: parses and prices sources so the main thread only writes to SQLite (both cores
 * busy on large ingests). Jobs arrive in order and are parsed one after another; batches go back
 * packed (record-batch-codec.ts) with at most MAX_IN_FLIGHT unacknowledged, so memory stays flat when
 * parsing outruns writing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { findAdapter } from '../../ingest/index.ts';
import { createPricer } from '../../pricing/create-pricer.ts';
import { readPriceBook } from '../../pricing/read-price-book.ts';
import { parseSource, type ParseJob } from './parse-source.ts';
import { encodeBatch } from './record-batch-codec.ts';
import type { ToMain, ToWorker, WorkerOptions } from './parse-worker-protocol.ts';

const MAX_IN_FLIGHT = 4;
const BYTES_REPORT_STEP = 4 * 1024 * 1024;

const port = parentPort;
if (port === null) throw new Error('parse-worker.ts must run in a worker thread');
const options = workerData as WorkerOptions;
const priceUsage = createPricer(readPriceBook(options.pricingFile ?? undefined), options.priceOverrides);

let credits = MAX_IN_FLIGHT;
let onCredit: (() => void) | null = null;
let queue = Promise.resolve();

const send = (message: ToMain, transfer: ArrayBuffer[] = []): void => {
  port.postMessage(message, transfer);
};

async function runJob(jobId: number, job: ParseJob): Promise<void> {
  const adapter = findAdapter(job.format);
  if (adapter === undefined) throw new Error(`unknown format ${job.format}`);
  let reportedBytes = 0;
  const end = await parseSource(
    job,
    {
      adapter,
      priceUsage,
      maxProblemsKept: options.maxProblemsKept,
      onBytes: (bytesRead) => {
        if (bytesRead - reportedBytes >= BYTES_REPORT_STEP) {
          reportedBytes = bytesRead;
          send({ type: 'bytes', jobId, bytesRead });
        }
      },
    },
    async (batch) => {
      while (credits === 0) {
        await new Promise<void>((resolve) => {
          onCredit = resolve;
        });
      }
      credits -= 1;
      const encoded = encodeBatch(batch);
      send({ type: 'batch', jobId, batch: encoded }, [
        encoded.numbers.buffer as ArrayBuffer,
        encoded.codes.buffer as ArrayBuffer,
      ]);
    },
  );
  send({ type: 'end', jobId, end });
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'credit') {
    credits += 1;
    const resolve = onCredit;
    onCredit = null;
    resolve?.();
    return;
  }
  const { jobId, job } = message;
  queue = queue.then(() =>
    runJob(jobId, job).catch((error: unknown) => {
      send({ type: 'error', jobId, message: error instanceof Error ? error.message : String(error) });
    }),
  );
});
