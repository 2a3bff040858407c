import type { IngestProblem } from '../model/ingest-problem.ts';
import type { UsageRecord } from '../model/usage-record.ts';
import { NO_RECORDS, type LineParser } from './adapter.ts';
import { createCsvRowReader } from './csv-row-reader.ts';
import { createJsonValueReader, type JsonValueFound } from './json-value-reader.ts';
import { describe } from './row-checker.ts';

type ReadLine = (text: string, lineNumber: number) => readonly UsageRecord[];

/** What one page or row yields: its good records and the problems of its bad parts. */
export interface ExportReading {
  readonly records: readonly UsageRecord[];
  readonly problems: readonly IngestProblem[];
}

/** One data row of a CSV export: cells by header name (empty cells as `""`), and the line it starts on. */
export interface CsvRow {
  readonly cells: Readonly<Record<string, string>>;
  readonly line: number;
}

export interface CsvRowReader {
  readRow(row: CsvRow): ExportReading;
}

/** The shapes one billing export comes in; a format has one or both. */
export interface BillingExportShapes {
  /** What the export is called, for problems: `an OpenAI Usage API page`. */
  readonly name: string;
  /** Reads one top-level JSON object of the file (an API response page). */
  readonly readJsonObject?: (found: JsonValueFound) => ExportReading;
  /** A reader for the rows under this header, or the problem that makes it not this export's. */
  readonly readCsvHeader?: (columns: readonly string[], line: number) => CsvRowReader | IngestProblem;
}

/**
 * The line parser of a billing export: a whole document, not a log. The first non-empty character
 * picks the shape (`{` or `[`: JSON pages in any layout; anything else: CSV with a header).
 *
 * Records are returned as soon as their page or row is read. Problems are held until `finish()`: a
 * page that closes on the file's last line (curl writes no final newline) would otherwise have its
 * problems taken for an unfinished live-log line, and a page may hold good and bad rows at once.
 */
export function createBillingExportParser(file: string, shapes: BillingExportShapes): LineParser {
  const problems: IngestProblem[] = [];
  let readLine: ReadLine | null = null;
  let endInput: () => void = () => undefined;

  const keep = (reading: ExportReading): readonly UsageRecord[] => {
    problems.push(...reading.problems);
    return reading.records;
  };

  const startJson = (readJsonObject: (found: JsonValueFound) => ExportReading): ReadLine => {
    const reader = createJsonValueReader(file);
    endInput = () => problems.push(...reader.end());
    return (text, lineNumber) => {
      const read = reader.push(text, lineNumber);
      problems.push(...read.problems);
      return read.values.flatMap((found) => keep(readJsonObject(found)));
    };
  };

  const startCsv = (readCsvHeader: NonNullable<BillingExportShapes['readCsvHeader']>): ReadLine => {
    const reader = createCsvRowReader(file);
    let rows: CsvRowReader | null = null;
    let isRejected = false;
    let isHeaderRead = false;
    const readItem = (item: ReturnType<typeof reader.read>): readonly UsageRecord[] => {
      if (item === null || rows === null) return [];
      if (!item.ok) {
        problems.push(item.problem);
        return [];
      }
      return keep(rows.readRow({ cells: item.row, line: item.line }));
    };
    endInput = () => {
      readItem(reader.finish());
    };
    return (text, lineNumber) => {
      if (isRejected) return [];
      const item = reader.read(text, lineNumber);
      const { columns } = reader;
      if (!isHeaderRead && columns !== null) {
        isHeaderRead = true;
        const header = readCsvHeader(columns, lineNumber);
        if ('message' in header) {
          problems.push(header);
          isRejected = true;
        } else {
          rows = header;
        }
        return [];
      }
      return readItem(item);
    };
  };

  /** The whole file is not this export's: one problem, and the rest is not read. */
  const wrongShape = (text: string, lineNumber: number, expected: string): ReadLine => {
    problems.push({
      file,
      line: lineNumber,
      field: null,
      message: `expected ${expected} (${shapes.name}), got ${describe(text.trim())}`,
    });
    return () => [];
  };

  const choose = (text: string, lineNumber: number): ReadLine => {
    const isJson = /^\s*[{[]/.test(text);
    if (isJson && shapes.readJsonObject) return startJson(shapes.readJsonObject);
    if (!isJson && shapes.readCsvHeader) return startCsv(shapes.readCsvHeader);
    return wrongShape(text, lineNumber, isJson ? 'a CSV header' : 'a JSON object');
  };

  return {
    parseLine(text, lineNumber) {
      if (readLine === null && text.trim() === '') return NO_RECORDS;
      readLine ??= choose(text.replace(/^\uFEFF/, ''), lineNumber);
      const records = readLine(text, lineNumber);
      return records.length === 0 ? NO_RECORDS : { ok: true, records };
    },
    finish() {
      endInput();
      return problems.length === 0 ? NO_RECORDS : { ok: false, problems: problems.splice(0) };
    },
  };
}
