import type { IngestProblem } from '../model/ingest-problem.ts';
import type { UsageRecord } from '../model/usage-record.ts';
import type { ExportReading } from './billing-export-parser.ts';
import type { JsonValueFound } from './json-value-reader.ts';
import { isJsonObject, type JsonObject } from './parse-json-object.ts';
import { createRowChecker, describe, type RowChecker } from './row-checker.ts';

/** Where a page's buckets keep their bounds: `start_time`/`end_time` (OpenAI), `starting_at`/`ending_at` (Anthropic). */
export interface BucketBounds {
  readonly start: string;
  readonly end: string;
}

/** One `results[]` row of a bucket, with a checker that reports at the row's own line. */
export interface BucketRow {
  readonly result: JsonObject;
  readonly startMs: number;
  readonly endMs: number;
  /** Field-name prefix of the row inside its page, e.g. `data[2].results[0].`. */
  readonly path: string;
  readonly line: number;
  readonly check: RowChecker;
}

/**
 * Walks one API response page, `{"data":[{<start>,<end>,"results":[…]}],"has_more":…,"next_page":…}`,
 * and reads each result with `readRow` (null: the row was bad, its checker holds why). A bucket with
 * an empty `results` is an hour or day without usage: nothing to store, not a problem.
 */
export function readPageBuckets(
  found: JsonValueFound,
  file: string,
  bounds: BucketBounds,
  readRow: (row: BucketRow) => UsageRecord | null,
): ExportReading {
  const records: UsageRecord[] = [];
  const problems: IngestProblem[] = [];
  const page = found.value;
  const data = isJsonObject(page) ? page.data : undefined;
  if (!isJsonObject(page) || !Array.isArray(data)) {
    const check = createRowChecker(file, found.line);
    check.fail(
      isJsonObject(page) ? 'data' : null,
      `expected a page with a "data" array of buckets, got ${describe(isJsonObject(page) ? data : page)}`,
    );
    return { records, problems: check.problems };
  }
  data.forEach((bucket: unknown, bucketIndex) => {
    const bucketPath = `data[${bucketIndex}]`;
    const bucketLine = isJsonObject(bucket) ? found.lineOf(bucket) : found.line;
    const check = createRowChecker(file, bucketLine);
    if (!isJsonObject(bucket)) {
      check.fail(bucketPath, `expected a bucket object, got ${describe(bucket)}`);
      problems.push(...check.problems);
      return;
    }
    const startMs = check.instant(bucket[bounds.start], `${bucketPath}.${bounds.start}`);
    const endMs = check.instant(bucket[bounds.end], `${bucketPath}.${bounds.end}`);
    if (check.problems.length === 0 && endMs <= startMs) {
      check.fail(
        `${bucketPath}.${bounds.end}`,
        `expected a time after ${bounds.start}, got ${describe(bucket[bounds.end])}`,
      );
    }
    const results = bucket.results;
    if (!Array.isArray(results))
      check.fail(`${bucketPath}.results`, `expected an array, got ${describe(results)}`);
    if (check.problems.length > 0 || !Array.isArray(results)) {
      problems.push(...check.problems);
      return;
    }
    results.forEach((result: unknown, resultIndex) => {
      const path = `${bucketPath}.results[${resultIndex}].`;
      const line = isJsonObject(result) ? found.lineOf(result) : bucketLine;
      const rowCheck = createRowChecker(file, line);
      if (!isJsonObject(result)) {
        rowCheck.fail(path.slice(0, -1), `expected a result object, got ${describe(result)}`);
        problems.push(...rowCheck.problems);
        return;
      }
      const record = readRow({ result, startMs, endMs, path, line, check: rowCheck });
      if (record !== null && rowCheck.problems.length === 0) records.push(record);
      problems.push(...rowCheck.problems);
    });
  });
  return { records, problems };
}
