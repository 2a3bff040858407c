import type { Store } from './open-store.ts';

/** What the last ingest of a file left, as far as deciding what to read of it again needs. */
export interface StoredSource {
  readonly format: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  readonly bytesIngested: number;
  readonly linesIngested: number;
}

/**
 * Every source the store remembers, by path: one query instead of one per file, read as arrays so a
 * re-scan of 15,000 unchanged logs allocates one object per file, not three. The fingerprints are left
 * out (a 64-character string each, needed only for files that grew): see selectSourceFingerprint.
 */
export function selectStoredSources(store: Store): Map<string, StoredSource> {
  const rows = store
    .prepare(`SELECT path, format, size_bytes, mtime_ms, bytes_ingested, lines_ingested FROM sources`)
    .raw(true)
    .all() as [string, string, number, number, number, number][];
  const sources = new Map<string, StoredSource>();
  for (const row of rows) {
    sources.set(row[0], {
      format: row[1],
      sizeBytes: row[2],
      mtimeMs: row[3],
      bytesIngested: row[4],
      linesIngested: row[5],
    });
  }
  return sources;
}

/** The fingerprint of the bytes ingested from a file (see fingerprintFilePrefix), or null if unknown. */
export function selectSourceFingerprint(store: Store, path: string): string | null {
  const fingerprint = store.prepare(`SELECT fingerprint FROM sources WHERE path = ?`).pluck().get(path);
  return typeof fingerprint === 'string' ? fingerprint : null;
}
