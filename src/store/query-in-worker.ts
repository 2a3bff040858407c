import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** What query-worker.ts is started with (its MessagePort is added, transferred). */
export interface QueryWorkerData {
  readonly dbPath: string;
  readonly sql: string;
  readonly params: readonly (string | number)[];
  /** An Int32Array's buffer: element 0 counts the messages sent. */
  readonly signal: SharedArrayBuffer;
}

export type QueryWorkerMessage =
  | { readonly type: 'rows'; readonly rows: unknown[][] }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };

/** How long to wait for a message before checking that the worker is still alive. */
const POLL_MS = 200;

/**
 * Starts a read-only query on the store file `dbPath` in a worker thread, so that it runs while this
 * thread does other work (a second core scanning the other half of a table). Its rows are read back
 * synchronously, in order, by the returned generator: it blocks (Atomics.wait) while the worker is
 * behind, so callers stay synchronous generators. Errors in the worker are thrown by the generator.
 * The worker sees the last committed state of the store, so this is for read-only commands.
 */
export function queryInWorker(
  dbPath: string,
  sql: string,
  params: readonly (string | number)[],
): Generator<unknown[]> {
  const signal = new SharedArrayBuffer(4);
  const counter = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const data: QueryWorkerData & { port: typeof port2 } = { dbPath, sql, params, signal, port: port2 };
  const worker = new Worker(new URL('./query-worker.js', import.meta.url), {
    workerData: data,
    transferList: [port2],
  });
  worker.unref();
  return readRows(worker, port1, counter);
}

function* readRows(worker: Worker, port: MessageChannel['port1'], counter: Int32Array): Generator<unknown[]> {
  try {
    for (;;) {
      const seen = Atomics.load(counter, 0);
      let received = receiveMessageOnPort(port);
      if (received === undefined) {
        if (worker.threadId !== -1) {
          Atomics.wait(counter, 0, seen, POLL_MS);
          continue;
        }
        // threadId turns -1 once the thread has stopped; its last message may have come as it did.
        received = receiveMessageOnPort(port);
        if (received === undefined) throw new Error('the query worker stopped without finishing');
      }
      const message = received.message as QueryWorkerMessage;
      if (message.type === 'done') return;
      if (message.type === 'error') throw new Error(`query worker: ${message.message}`);
      yield* message.rows;
    }
  } finally {
    port.close();
    void worker.terminate();
  }
}
