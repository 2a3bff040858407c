import { Worker } from 'node:worker_threads';
import type { ParseEnd, ParseJob, ParsedBatch } from './parse-source.ts';
import type { JobResult, ToMain, ToWorker, WorkerOptions } from './parse-worker-protocol.ts';

/** Parses a job's source in a worker, handing each batch to `emit`; resolves with where reading ended. */
export type ParseRun = (emit: (batch: ParsedBatch) => void | Promise<void>) => Promise<ParseEnd>;

export interface ParseWorker {
  /**
   * Queues a job of `bytes` bytes on the least loaded worker (it starts on it as soon as it is free)
   * and returns how to consume it.
   */
  submit(job: ParseJob, bytes: number, onBytes?: (bytesRead: number) => void): ParseRun;
  close(): Promise<void>;
}

/** The batches of one `results` message not consumed yet: at zero, the worker gets its credit back. */
interface MessageCredit {
  batchesLeft: number;
  readonly worker: Worker;
}

interface JobState {
  readonly messages: { readonly result: JobResult; readonly credit: MessageCredit }[];
  wake: (() => void) | null;
  onBytes: ((bytesRead: number) => void) | undefined;
}

/** One parse worker and what the pool knows of it. */
interface PooledWorker {
  readonly worker: Worker;
  /** Bytes of the jobs given to it so far: the next job goes to the worker with the fewest. */
  bytesAssigned: number;
  /** Jobs submitted in this turn of the main thread, sent in one message. */
  unsentJobs: { jobId: number; job: ParseJob }[];
}

const post = (worker: Worker, message: ToWorker): void => {
  worker.postMessage(message);
};

/**
 * Starts `count` parse workers (dist/cli/ingest/parse-worker.js). Jobs must be consumed in the order
 * they were submitted: each worker parses its jobs one after another, and with two, one parses the
 * next file while the other's results are written (15,000 small logs take longer to parse than to
 * store, so the writing thread alone would wait).
 */
export function startParseWorker(options: WorkerOptions, count = 1): ParseWorker {
  const jobs = new Map<number, JobState>();
  let nextJobId = 0;
  let failure: Error | null = null;

  const stateOf = (jobId: number): JobState => {
    let state = jobs.get(jobId);
    if (state === undefined) {
      state = { messages: [], wake: null, onBytes: undefined };
      jobs.set(jobId, state);
    }
    return state;
  };
  const wakeAll = (): void => {
    for (const state of jobs.values()) {
      state.wake?.();
      state.wake = null;
    }
  };

  // A bounded young generation keeps each worker's heap (and the process's peak RSS, a target of the
  // benchmark) small; parsing allocates short-lived strings that die young anyway. 16 MiB each added
  // 60 MiB of peak RSS on the Claude Code corpus (two workers), and 13 MiB on one large file (one
  // worker); 8 MiB parse as fast.
  const youngGenerationMb = 8;
  const startWorker = (): PooledWorker => {
    const worker = new Worker(new URL('./parse-worker.js', import.meta.url), {
      workerData: options,
      resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb },
    });
    worker.on('message', (message: ToMain) => {
      if (message.type === 'bytes') {
        stateOf(message.jobId).onBytes?.(message.bytesRead);
        return;
      }
      const credit: MessageCredit = {
        batchesLeft: message.results.filter((result) => result.type === 'batch').length,
        worker,
      };
      if (credit.batchesLeft === 0) post(worker, { type: 'credit' });
      for (const result of message.results) {
        const state = stateOf(result.jobId);
        state.messages.push({ result, credit });
        state.wake?.();
        state.wake = null;
      }
    });
    worker.on('error', (error) => {
      failure = error;
      wakeAll();
    });
    worker.on('exit', (code) => {
      failure ??= new Error(`parse worker exited with code ${code}`);
      wakeAll();
    });
    return { worker, bytesAssigned: 0, unsentJobs: [] };
  };
  const pool = Array.from({ length: Math.max(1, count) }, startWorker);

  return {
    submit(job, bytes, onBytes) {
      const jobId = nextJobId;
      nextJobId += 1;
      stateOf(jobId).onBytes = onBytes;
      const target = pool.reduce((least, candidate) =>
        candidate.bytesAssigned < least.bytesAssigned ? candidate : least,
      );
      target.bytesAssigned += bytes;
      if (target.unsentJobs.length === 0) {
        queueMicrotask(() => {
          post(target.worker, { type: 'jobs', jobs: target.unsentJobs });
          target.unsentJobs = [];
        });
      }
      target.unsentJobs.push({ jobId, job });
      return async (emit) => {
        const state = stateOf(jobId);
        for (;;) {
          const next = state.messages.shift();
          if (next === undefined) {
            if (failure !== null) throw failure;
            await new Promise<void>((resolve) => {
              state.wake = resolve;
            });
            continue;
          }
          const { result, credit } = next;
          if (result.type === 'batch') {
            await emit(result.batch);
            credit.batchesLeft -= 1;
            if (credit.batchesLeft === 0) post(credit.worker, { type: 'credit' });
          } else if (result.type === 'end') {
            jobs.delete(jobId);
            return result.end;
          } else {
            jobs.delete(jobId);
            throw new Error(`${job.displayPath}: ${result.message}`);
          }
        }
      };
    },
    async close() {
      await Promise.all(
        pool.map(async ({ worker }) => {
          worker.removeAllListeners('exit');
          await worker.terminate();
        }),
      );
    },
  };
}
