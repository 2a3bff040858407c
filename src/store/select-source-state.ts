import type { SourceState } from './file-ingest.ts';
import type { Store } from './open-store.ts';

/**
 * Every source the store remembers, by path: one query instead of one per file, read as arrays so a
 * re-scan of 15,000 unchanged logs allocates one object per file, not three.
 */
export function selectAllSourceStates(store: Store): Map<string, SourceState> {
  const rows = store
    .prepare(
      `SELECT path, format, size_bytes, mtime_ms, fingerprint, bytes_ingested, lines_ingested, rows_read,
         rows_stored, rows_duplicate, rows_rejected, ingested_at_ms
       FROM sources`,
    )
    .raw(true)
    .all() as [
    string,
    string,
    number,
    number,
    string,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ][];
  const states = new Map<string, SourceState>();
  for (const row of rows) {
    states.set(row[0], {
      format: row[1],
      sizeBytes: row[2],
      mtimeMs: row[3],
      fingerprint: row[4],
      bytesIngested: row[5],
      linesIngested: row[6],
      rowsRead: row[7],
      rowsStored: row[8],
      rowsDuplicate: row[9],
      rowsRejected: row[10],
      ingestedAtMs: row[11],
    });
  }
  return states;
}
