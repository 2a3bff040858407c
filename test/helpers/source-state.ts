import type { SourceState } from '../../src/store/file-ingest.ts';

/** The bookkeeping a store test commits with a file: its values do not matter to the sums. */
export const TEST_SOURCE_STATE: SourceState = {
  format: 'test',
  sizeBytes: 1,
  mtimeMs: 1,
  fingerprint: '',
  bytesIngested: 1,
  linesIngested: 1,
  rowsRead: 0,
  rowsStored: 0,
  rowsDuplicate: 0,
  rowsRejected: 0,
  ingestedAtMs: 0,
};
