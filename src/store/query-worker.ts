/**
 * Worker-thread entry of queryInWorker (query-in-worker.ts): runs one read-only SELECT on a connection
 * of its own and streams its raw rows back in chunks, counting each message in a shared counter so
 * the main thread can wait for them without an event loop.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { openStore } from './open-store.ts';
import type { QueryWorkerData, QueryWorkerMessage } from './query-in-worker.ts';

const ROWS_PER_MESSAGE = 2_000;

const { dbPath, sql, params, port, signal } = workerData as QueryWorkerData & { port: MessagePort };
const counter = new Int32Array(signal);

function send(message: QueryWorkerMessage): void {
  port.postMessage(message);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

try {
  const store = openStore(dbPath, { readOnly: true });
  try {
    let rows: unknown[][] = [];
    for (const row of store
      .prepare(sql)
      .raw(true)
      .iterate(...params)) {
      rows.push(row as unknown[]);
      if (rows.length === ROWS_PER_MESSAGE) {
        send({ type: 'rows', rows });
        rows = [];
      }
    }
    if (rows.length > 0) send({ type: 'rows', rows });
    send({ type: 'done' });
  } finally {
    store.close();
  }
} catch (error) {
  send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
