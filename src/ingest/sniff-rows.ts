import { parseCsvHeader } from './csv-row-reader.ts';

/**
 * What `--from auto` looks at for exports that come as JSON or CSV: the first lines as one text when
 * they open JSON (a pretty-printed document's keys are spread over several lines), else the columns
 * of the CSV header. Both are cheap: no JSON is parsed.
 */
export interface SniffedStart {
  /** The first lines joined, when the file starts with `{` or `[`; null for CSV. */
  readonly jsonText: string | null;
  /** The header's column names when the file is not JSON; empty for JSON. */
  readonly csvColumns: ReadonlySet<string>;
}

export function sniffStart(firstLines: readonly string[]): SniffedStart {
  const first = firstLines.find((line) => line.trim() !== '');
  if (first === undefined) return { jsonText: null, csvColumns: new Set() };
  const start = first.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') || start.startsWith('['))
    return { jsonText: firstLines.join('\n'), csvColumns: new Set() };
  return { jsonText: null, csvColumns: new Set(parseCsvHeader(first).columns) };
}

/** Whether JSON text has the key `"name":` anywhere (at any depth). */
export function hasJsonKey(jsonText: string, name: string): boolean {
  return new RegExp(`"${name}"\\s*:`).test(jsonText);
}

/** Whether JSON text has `"name": "value"` anywhere. */
export function hasJsonValue(jsonText: string, name: string, value: string): boolean {
  return new RegExp(`"${name}"\\s*:\\s*"${value}"`).test(jsonText);
}
