import type { UsageRecord } from '../model/usage-record.ts';
import type { ExportReading } from './billing-export-parser.ts';
import type { CsvRow } from './billing-export-parser.ts';
import type { BucketBounds, BucketRow } from './read-page-buckets.ts';
import { createRowChecker, describe } from './row-checker.ts';

const NO_RECORDS: ExportReading = { records: [], problems: [] };
/** `10.0`, `59200.0`: the OpenAI dashboard prints whole numbers as floats. */
const WHOLE_FLOAT = /^(-?\d+)\.0+$/;

/**
 * Reads one row of a CSV export that flattens an API bucket row (bounds plus the result's fields) as
 * `readRow` reads the API's rows: empty cells are null, whole floats whole. A row with nothing but its
 * bounds is an empty bucket: nothing to store.
 */
export function readCsvBucketRow(
  row: CsvRow,
  file: string,
  bounds: BucketBounds,
  readRow: (row: BucketRow) => UsageRecord | null,
): ExportReading {
  const result: Record<string, string | null> = {};
  let hasMetrics = false;
  for (const [name, cell] of Object.entries(row.cells)) {
    const text = cell.trim();
    result[name] = text === '' ? null : (WHOLE_FLOAT.exec(text)?.[1] ?? text);
    if (text !== '' && !name.startsWith(bounds.start) && !name.startsWith(bounds.end)) hasMetrics = true;
  }
  if (!hasMetrics) return NO_RECORDS;
  const check = createRowChecker(file, row.line);
  const startMs = check.instant(result[bounds.start], bounds.start);
  const endMs = check.instant(result[bounds.end], bounds.end);
  if (check.problems.length === 0 && endMs <= startMs)
    check.fail(bounds.end, `expected a time after ${bounds.start}, got ${describe(result[bounds.end])}`);
  const record =
    check.problems.length > 0 ? null : readRow({ result, startMs, endMs, path: '', line: row.line, check });
  return record === null || check.problems.length > 0
    ? { records: [], problems: check.problems }
    : { records: [record], problems: [] };
}
