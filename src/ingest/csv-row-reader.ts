import { createRequire } from 'node:module';
import type PapaModule from 'papaparse';
import type { IngestProblem } from '../model/ingest-problem.ts';

let papa: typeof PapaModule | null = null;

/**
 * papaparse, loaded on first use: every ingest loads the CSV adapters (for sniffing), but only a CSV file
 * needs the parser, and loading it costs a re-scan of unchanged logs about a tenth of its time.
 */
function papaparse(): typeof PapaModule {
  papa ??= createRequire(import.meta.url)('papaparse') as typeof PapaModule;
  return papa;
}

/** One data row of a CSV file keyed by its header, with the line it starts on, or why it is rejected. */
export type CsvItem =
  | { readonly ok: true; readonly row: Readonly<Record<string, string>>; readonly line: number }
  | { readonly ok: false; readonly problem: IngestProblem };

export interface CsvRowReader {
  /** The row this line completes (null for the header, blank lines and lines inside a quoted field). */
  read(text: string, lineNumber: number): CsvItem | null;
  /** A problem when the file ends inside a quoted field. */
  finish(): CsvItem | null;
  /** The header's column names, once read. */
  readonly columns: readonly string[] | null;
}

/** Rows longer than this (a quote never closed) are rejected rather than held until the end of the file. */
const MAX_ROW_LINES = 1_000;

/** The column names and delimiter (`,`, `;` or tab) of a CSV header line. */
export function parseCsvHeader(text: string): { columns: string[]; delimiter: string } {
  const parsed = papaparse().parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimitersToGuess: [',', ';', '\t'],
  });
  const columns = (parsed.data[0] ?? []).map((column) => column.trim());
  return { columns, delimiter: parsed.meta.delimiter };
}

/**
 * Reads a CSV file with a header line, fed line by line. Quoting follows RFC 4180 (papaparse parses
 * each row): a quoted field may hold commas, doubled quotes and newlines, so a row whose quotes are
 * unbalanced at the end of a line continues on the next. The delimiter (`,`, `;` or tab) is detected
 * from the header. A row with more or fewer fields than the header is a problem naming both counts.
 */
export function createCsvRowReader(file: string): CsvRowReader {
  let columns: string[] | null = null;
  let delimiter = ',';
  let pending: string[] = [];
  let pendingStartLine = 0;
  let quoteCount = 0;

  const problem = (line: number, message: string): CsvItem => ({
    ok: false,
    problem: { file, line, field: null, message },
  });

  const readRow = (text: string, line: number): CsvItem => {
    const header = columns ?? [];
    // Rows without quotes (most) are split directly: papaparse per row costs ten times more.
    const parsed = text.includes('"')
      ? papaparse().parse<string[]>(text, { delimiter, newline: '\n' })
      : null;
    const fields = parsed === null ? text.split(delimiter) : (parsed.data[0] ?? []);
    const error = parsed?.errors[0];
    if (error !== undefined) return problem(line, `malformed CSV: ${error.message}`);
    if (fields.length !== header.length) {
      return problem(
        line,
        `expected ${header.length} fields as in the header, got ${fields.length}` +
          (fields.length > header.length ? ' (an unquoted delimiter in a field?)' : ''),
      );
    }
    const row: Record<string, string> = {};
    for (const [index, column] of header.entries()) row[column] = fields[index] ?? '';
    return { ok: true, row, line };
  };

  return {
    get columns() {
      return columns;
    },
    read(text, lineNumber) {
      if (pending.length === 0) {
        if (text.trim() === '') return null;
        if (columns === null) {
          const header = parseCsvHeader(text);
          columns = header.columns;
          delimiter = header.delimiter;
          return null;
        }
        pendingStartLine = lineNumber;
      }
      pending.push(text);
      quoteCount += countQuotes(text);
      if (quoteCount % 2 === 1) {
        if (pending.length < MAX_ROW_LINES) return null;
        const start = pendingStartLine;
        pending = [];
        quoteCount = 0;
        return problem(start, `a quoted field is not closed within ${MAX_ROW_LINES} lines`);
      }
      const rowText = pending.join('\n');
      pending = [];
      quoteCount = 0;
      return readRow(rowText, pendingStartLine);
    },
    finish() {
      if (pending.length === 0) return null;
      pending = [];
      return problem(pendingStartLine, 'a quoted field is not closed before the end of the file');
    },
  };
}

function countQuotes(text: string): number {
  let count = 0;
  for (let index = text.indexOf('"'); index !== -1; index = text.indexOf('"', index + 1)) count += 1;
  return count;
}
