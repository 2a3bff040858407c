/**
 * Worker-thread entry: parses and prices sources so the main thread only writes to SQLite (both cores
 * busy on large ingests). Jobs arrive in order and are parsed one after another. Their results go back
 * packed (store/usage-batch.ts) in `results` messages of about RESULTS_RECORDS records, the results
 * of small files sharing one; at most MAX_IN_FLIGHT messages are unacknowledged, so memory stays flat
 * when parsing outruns writing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { findAdapter } from '../../ingest/index.ts';
import { createPricer } from '../../pricing/create-pricer.ts';
import { readPriceBook } from '../../pricing/read-price-book.ts';
import { parseSource, type ParseJob } from './parse-source.ts';
import type { JobResult, ToMain, ToWorker, WorkerOptions } from './parse-worker-protocol.ts';

const MAX_IN_FLIGHT = 4;
const RESULTS_RECORDS = 2_000;
/** Also send when this many results wait (files without usage add ends but no records). */
const RESULTS_ITEMS = 256;
const BYTES_REPORT_STEP = 4 * 1024 * 1024;

const port = parentPort;
if (port === null) throw new Error('parse-worker.ts must run in a worker thread');
const options = workerData as WorkerOptions;
const priceUsage = createPricer(readPriceBook(options.pricingFile ?? undefined), options.priceOverrides);

let credits = MAX_IN_FLIGHT;
let onCredit: (() => void) | null = null;
let queue = Promise.resolve();
/** Jobs received and not finished: while there are more, results wait to fill a message. */
let jobsPending = 0;

let outbox: JobResult[] = [];
let outboxRecords = 0;
let outboxTransfers: ArrayBuffer[] = [];

const send = (message: ToMain, transfer: ArrayBuffer[] = []): void => {
  port.postMessage(message, transfer);
};

/** Sends what the outbox holds, once the main thread has room for it. */
async function flushOutbox(): Promise<void> {
  if (outbox.length === 0) return;
  while (credits === 0) {
    await new Promise<void>((resolve) => {
      onCredit = resolve;
    });
  }
  credits -= 1;
  const results = outbox;
  const transfers = outboxTransfers;
  outbox = [];
  outboxRecords = 0;
  outboxTransfers = [];
  send({ type: 'results', results }, transfers);
}

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
      outbox.push({ type: 'batch', jobId, batch });
      outboxRecords += batch.usage.count;
      outboxTransfers.push(
        batch.usage.numbers.buffer as ArrayBuffer,
        batch.usage.texts.buffer as ArrayBuffer,
      );
      await flushOutboxIfFull();
    },
  );
  outbox.push({ type: 'end', jobId, end });
  await flushOutboxIfFull();
}

async function flushOutboxIfFull(): Promise<void> {
  if (outboxRecords >= RESULTS_RECORDS || outbox.length >= RESULTS_ITEMS) await flushOutbox();
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'credit') {
    credits += 1;
    const resolve = onCredit;
    onCredit = null;
    resolve?.();
    return;
  }
  jobsPending += message.jobs.length;
  for (const { jobId, job } of message.jobs) {
    queue = queue.then(async () => {
      try {
        await runJob(jobId, job);
      } catch (error: unknown) {
        outbox.push({
          type: 'error',
          jobId,
          message: error instanceof Error ? error.message : String(error),
        });
        await flushOutbox();
      }
      jobsPending -= 1;
      // The last job known: nothing more will fill the message, send it (the main thread waits for it).
      if (jobsPending === 0) await flushOutbox();
    });
  }
});
