import Papa from 'papaparse';
import type { IngestProblem } from '../model/ingest-problem.ts';

/** One data row of a CSV file: cells by header name (empty cells included as `""`). */
export interface CsvRow {
  readonly cells: Readonly<Record<string, string>>;
  /** 1-based line where the row starts (a quoted cell may continue it on later lines). */
  readonly line: number;
}

export type CsvReading =
  | { readonly kind: 'nothing' }
  | { readonly kind: 'header'; readonly columns: readonly string[] }
  | { readonly kind: 'row'; readonly row: CsvRow }
  | { readonly kind: 'problem'; readonly problem: IngestProblem };

/**
 * Reads a CSV file with a header, fed line by line: the first record is the header, each later one a
 * row keyed by it, so columns are matched by name, never by position. Quoting follows RFC 4180
 * (papaparse): a quoted cell may hold commas, `""` and newlines; such a row is read once its quote
 * closes and is reported at the line where it starts. Blank lines are skipped; a UTF-8 BOM and spaces
 * around header names are dropped.
 */
export interface CsvRecordReader {
  push(text: string, lineNumber: number): CsvReading;
  /** A problem when the input ends inside a quoted cell. */
  end(): IngestProblem | null;
}

const NOTHING: CsvReading = { kind: 'nothing' };

export function createCsvRecordReader(file: string): CsvRecordReader {
  let columns: readonly string[] | null = null;
  /** Lines of a record whose quoted cell is still open, and where it started. */
  let pending: string[] = [];
  let pendingLine = 0;

  const problem = (line: number, message: string): CsvReading => ({
    kind: 'problem',
    problem: { file, line, field: null, message },
  });

  const readRecord = (text: string, line: number): CsvReading => {
    const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
    const cells = parsed.data[0] ?? [];
    const error = parsed.errors[0];
    if (error !== undefined) return problem(line, `expected a CSV row, got ${error.message.toLowerCase()}`);
    if (columns === null) {
      columns = cells.map((name, index) => (index === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
      return { kind: 'header', columns };
    }
    if (cells.length !== columns.length) {
      return problem(
        line,
        `expected ${columns.length} cells as in the header, got ${cells.length}` +
          (cells.length > columns.length ? ' (an unquoted comma in a cell?)' : ''),
      );
    }
    const row: Record<string, string> = {};
    columns.forEach((name, index) => {
      row[name] = cells[index] ?? '';
    });
    return { kind: 'row', row: { cells: row, line } };
  };

  return {
    push(text, lineNumber) {
      if (pending.length === 0) {
        if (text.trim() === '') return NOTHING;
        if (hasOpenQuote(text)) {
          pending = [text];
          pendingLine = lineNumber;
          return NOTHING;
        }
        return readRecord(text, lineNumber);
      }
      pending.push(text);
      const record = pending.join('\n');
      if (hasOpenQuote(record)) return NOTHING;
      pending = [];
      return readRecord(record, pendingLine);
    },
    end() {
      if (pending.length === 0) return null;
      const line = pendingLine;
      pending = [];
      return { file, line, field: null, message: 'expected a closing quote, got the end of the file' };
    },
  };
}

/** An odd number of `"` means a quoted cell is still open (an escaped quote `""` counts two). */
function hasOpenQuote(text: string): boolean {
  let count = 0;
  for (let index = text.indexOf('"'); index !== -1; index = text.indexOf('"', index + 1)) count += 1;
  return count % 2 === 1;
}
