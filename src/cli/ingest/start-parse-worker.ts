import { Worker } from 'node:worker_threads';
import type { ParseEnd, ParseJob, ParsedBatch } from './parse-source.ts';
import type { ToMain, ToWorker, WorkerOptions } from './parse-worker-protocol.ts';
import { decodeBatch } from './record-batch-codec.ts';

/** Parses a job's source in the worker, handing each batch to `emit`; resolves with where reading ended. */
export type ParseRun = (emit: (batch: ParsedBatch) => void | Promise<void>) => Promise<ParseEnd>;

export interface ParseWorker {
  /** Queues a job (the worker starts on it as soon as it is free) and returns how to consume it. */
  submit(job: ParseJob, onBytes?: (bytesRead: number) => void): ParseRun;
  close(): Promise<void>;
}

interface JobState {
  readonly messages: ToMain[];
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
    const state = stateOf(message.jobId);
    if (message.type === 'bytes') {
      state.onBytes?.(message.bytesRead);
      return;
    }
    state.messages.push(message);
    state.wake?.();
    state.wake = null;
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

  return {
    submit(job, onBytes) {
      const jobId = nextJobId;
      nextJobId += 1;
      stateOf(jobId).onBytes = onBytes;
      post({ type: 'job', jobId, job });
      return async (emit) => {
        const state = stateOf(jobId);
        for (;;) {
          const message = state.messages.shift();
          if (message === undefined) {
            if (failure !== null) throw failure;
            await new Promise<void>((resolve) => {
              state.wake = resolve;
            });
            continue;
          }
          if (message.type === 'batch') {
            await emit(decodeBatch(message.batch));
            post({ type: 'credit' });
          } else if (message.type === 'end') {
            jobs.delete(jobId);
            return message.end;
          } else if (message.type === 'error') {
            jobs.delete(jobId);
            throw new Error(`${job.displayPath}: ${message.message}`);
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
