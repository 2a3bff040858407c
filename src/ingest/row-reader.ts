import type { IngestProblem } from '../model/ingest-problem.ts';
import type { LineParser, LineResult } from './adapter.ts';
import { NO_RECORDS } from './adapter.ts';
import { createCsvRowReader, type CsvRowReader } from './csv-row-reader.ts';
import { createJsonDocumentReader, type JsonDocumentReader } from './json-document-reader.ts';
import type { JsonObject } from './parse-json-object.ts';
import type { UsageRecord } from '../model/usage-record.ts';

/** A row of an export that comes as JSON or as CSV: CSV values are strings, JSON values anything. */
export interface Row {
  readonly shape: 'json' | 'csv';
  readonly value: JsonObject;
  /** The line the row starts on. */
  readonly line: number;
  /** For CSV rows, the header's columns. */
  readonly columns: readonly string[];
}

/** What one row gives: records (maybe none, for rows without usage), or problems. */
export type RowResult =
  | { readonly ok: true; readonly records: readonly UsageRecord[] }
  | { readonly ok: false; readonly problems: readonly IngestProblem[] };

/**
 * Line parsing for exports that come as JSON (JSONL, arrays, API pages, see json-document-reader.ts)
 * or as CSV with a header (csv-row-reader.ts): the first non-blank line decides (`{` or `[` opens
 * JSON; with `shapes` = `json` every file is JSON). Each row is handed to `readRow`; the results of one line are merged into one LineResult,
 * keeping the good rows of a line that also holds bad ones.
 */
export function createRowLineParser(
  file: string,
  readRow: (row: Row) => RowResult,
  shapes: 'json' | 'json-or-csv' = 'json-or-csv',
): LineParser {
  let json: JsonDocumentReader | null = null;
  let csv: CsvRowReader | null = null;

  const merge = (results: readonly RowResult[]): LineResult => {
    if (results.length === 0) return NO_RECORDS;
    if (results.length === 1 && results[0] !== undefined) return results[0];
    const records = results.flatMap((result) => (result.ok ? result.records : []));
    const problems = results.flatMap((result) => (result.ok ? [] : result.problems));
    return problems.length === 0 ? { ok: true, records } : { ok: false, problems, records };
  };
  const fromJson = (items: ReturnType<JsonDocumentReader['read']>): LineResult =>
    merge(
      items.map((item) =>
        item.ok
          ? readRow({ shape: 'json', value: item.value, line: item.line, columns: [] })
          : { ok: false, problems: [item.problem] },
      ),
    );
  const fromCsv = (item: ReturnType<CsvRowReader['read']>, reader: CsvRowReader): LineResult => {
    if (item === null) return NO_RECORDS;
    if (!item.ok) return { ok: false, problems: [item.problem] };
    return readRow({ shape: 'csv', value: item.row, line: item.line, columns: reader.columns ?? [] });
  };

  return {
    parseLine(text: string, lineNumber: number): LineResult {
      if (json !== null) return fromJson(json.read(text, lineNumber));
      if (csv !== null) return fromCsv(csv.read(text, lineNumber), csv);
      const start = text.replace(/^\uFEFF/, '').trimStart();
      if (start === '') return NO_RECORDS;
      if (shapes === 'json' || start.startsWith('{') || start.startsWith('[')) {
        json = createJsonDocumentReader(file);
        return fromJson(json.read(text, lineNumber));
      }
      csv = createCsvRowReader(file);
      return fromCsv(csv.read(text, lineNumber), csv);
    },
    finish(): LineResult {
      if (json !== null) return fromJson(json.finish());
      if (csv !== null) return fromCsv(csv.finish(), csv);
      return NO_RECORDS;
    },
  };
}
