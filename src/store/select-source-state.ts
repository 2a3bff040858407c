import type { SourceState } from './file-ingest.ts';
import type { Store } from './open-store.ts';

/** Every source the store remembers, by path: one query instead of one per file on big re-scans. */
export function selectAllSourceStates(store: Store): Map<string, SourceState> {
  const rows = store
    .prepare(
      `SELECT path, format, size_bytes AS sizeBytes, mtime_ms AS mtimeMs, fingerprint, bytes_ingested AS bytesIngested,
         lines_ingested AS linesIngested, rows_read AS rowsRead, rows_stored AS rowsStored,
         rows_duplicate AS rowsDuplicate, rows_rejected AS rowsRejected, ingested_at_ms AS ingestedAtMs
       FROM sources`,
    )
    .all() as (SourceState & { path: string })[];
  return new Map(rows.map(({ path, ...state }) => [path, state]));
}
