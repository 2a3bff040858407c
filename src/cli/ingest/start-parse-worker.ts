import { Worker } from 'node:worker_threads';
import type { ParseEnd, ParseJob, ParsedBatch } from './parse-source.ts';
import type { JobResult, ToMain, ToWorker, WorkerOptions } from './parse-worker-protocol.ts';
import { decodeBatch } from './record-batch-codec.ts';

/** Parses a job's source in the worker, handing each batch to `emit`; resolves with where reading ended. */
export type ParseRun = (emit: (batch: ParsedBatch) => void | Promise<void>) => Promise<ParseEnd>;

export interface ParseWorker {
  /** Queues a job (the worker starts on it as soon as it is free) and returns how to consume it. */
  submit(job: ParseJob, onBytes?: (bytesRead: number) => void): ParseRun;
  close(): Promise<void>;
}

/** The batches of one `results` message not consumed yet: at zero, the worker gets its credit back. */
interface MessageCredit {
  batchesLeft: number;
}

interface JobState {
  readonly messages: { readonly result: JobResult; readonly credit: MessageCredit }[];
  wake: (() => void) | null;
  onBytes: ((bytesRead: number) => void) | undefined;
}

/**
 * Starts the parse worker (dist/cli/ingest/parse-worker.js). Jobs must be consumed in the order they
 * were submitted: the worker parses them one after another.
 */
export function startParseWorker(options: WorkerOptions): ParseWorker {
  // A bounded young generation keeps the worker's heap (and the process's peak RSS, a target of the
  // benchmark) small; parsing allocates short-lived strings that die young anyway.
  const worker = new Worker(new URL('./parse-worker.js', import.meta.url), {
    workerData: options,
    resourceLimits: { maxYoungGenerationSizeMb: 16 },
  });
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
  worker.on('message', (message: ToMain) => {
    if (message.type === 'bytes') {
      stateOf(message.jobId).onBytes?.(message.bytesRead);
      return;
    }
    const credit: MessageCredit = {
      batchesLeft: message.results.filter((result) => result.type === 'batch').length,
    };
    if (credit.batchesLeft === 0) post({ type: 'credit' });
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

  const post = (message: ToWorker): void => {
    worker.postMessage(message);
  };
  // Jobs submitted in one turn of this thread go in one message.
  let unsentJobs: { jobId: number; job: ParseJob }[] = [];
  const sendJobs = (): void => {
    post({ type: 'jobs', jobs: unsentJobs });
    unsentJobs = [];
  };

  return {
    submit(job, onBytes) {
      const jobId = nextJobId;
      nextJobId += 1;
      stateOf(jobId).onBytes = onBytes;
      if (unsentJobs.length === 0) queueMicrotask(sendJobs);
      unsentJobs.push({ jobId, job });
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
            await emit(decodeBatch(result.batch));
            credit.batchesLeft -= 1;
            if (credit.batchesLeft === 0) post({ type: 'credit' });
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
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
