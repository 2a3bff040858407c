import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Report, ReportRow, ReportSummary } from '../analysis/build-report.ts';
import { picoToNumber } from '../model/money.ts';
import { localParts } from '../model/zoned-time.ts';
import { currencyNumberFormat } from './format-money.ts';
import { addAboutSheet } from './add-about-sheet.ts';
import { neutralizeFormula } from './neutralize-formula.ts';
import { reportFootnotes } from './report-columns.ts';
import { waitForZip } from './wait-for-zip.ts';
import { columnLetter } from './xlsx-column-letter.ts';
import {
  reportFileColumns,
  rowLine,
  totalsLine,
  type FileLayout,
  type ReportFileColumn,
} from './report-file-columns.ts';
import { startWorkbook } from './start-workbook.ts';

const COUNT_FORMAT = '#,##0';
/** Unit costs keep six decimals; shares are fractions shown as percent; percents are numbers of percent. */
const RATIO_FORMATS = {
  unitCost: (currency: string) => currencyNumberFormat(currency).replace('0.00##', '0.00####'),
  share: () => '0.0%',
  percent: () => '0.0"%"',
} as const;
const WIDEST_TEXT_COLUMN = 48;
/** Text column widths are decided from the header and this many first rows (the header is written first). */
const WIDTH_SAMPLE_ROWS = 1_000;
/** How often `streamReportXlsx` lets the zip catch up (`waitForZip`). */
const ROWS_PER_ZIP_WAIT = 256;

type CellValue = string | number | Date | null | { formula: string; result: number };

/** The "About" facts of a report file, as label/value pairs (`reportAbout`). */
export type AboutFacts = readonly (readonly [string, string])[];

/** A report to write as it is read: its layout first, then its rows once, then the rest of it. */
export interface StreamedReportFile {
  /** Decides the columns and number formats. */
  readonly layout: FileLayout;
  /** Read once, in order, as the sheet is written. */
  readonly rows: Iterable<ReportRow>;
  /** The report without its rows (totals, notes) and its About facts, asked for after the last row. */
  readonly summary: () => { readonly report: ReportSummary; readonly about: AboutFacts };
}

/** Writes an in-memory report as XLSX (`streamReportXlsx` of its rows). */
export async function writeReportXlsx(
  report: Report,
  about: AboutFacts,
  output: Writable,
  createdMs: number,
): Promise<void> {
  await streamReportXlsx(
    { layout: report, rows: report.rows, summary: () => ({ report, about }) },
    output,
    createdMs,
  );
}

/**
 * Streams a report as an XLSX workbook to `output` with exceljs's streaming writer, pausing for the
 * zip as rows are committed (`waitForZip`), so memory stays flat whatever the number of rows. Sheet
 * "Report": the rows of `renderReportCsv` with a frozen, filterable header, numbers as numbers, money
 * as numbers in the report's currency format, period starts as dates (wall-clock time in the report's
 * zone), and a totals row of SUM formulas whose cached results are the report's own totals. Column
 * widths come from the headings and the first 1,000 rows (`WIDTH_SAMPLE_ROWS`). Sheet "About": the
 * About facts and the table's footnotes. Resolves once `output` has received the whole file.
 */
export async function streamReportXlsx(
  file: StreamedReportFile,
  output: Writable,
  createdMs: number,
): Promise<void> {
  const { layout } = file;
  const workbook = startWorkbook(output, createdMs);
  const columns = reportFileColumns(layout);
  const rows = file.rows[Symbol.iterator]();
  const sample = takeRows(rows, WIDTH_SAMPLE_ROWS);
  const sheet = workbook.addWorksheet('Report', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const formats = columns.map((column) => numberFormat(column, layout));
  // Number formats sit on the columns, so the header and totals rows get them as exceljs creates cells.
  sheet.columns = columns.map((column, index) => {
    const numFmt = formats[index] ?? null;
    return {
      header: column.heading,
      key: column.name,
      width: columnWidth(column, sample),
      ...(numFmt === null ? {} : { style: { numFmt } }),
    };
  });
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  // Data cells share one style object per column: exceljs looks styles up by object identity first,
  // several times faster than the fresh copy it makes for each new cell.
  const styles = formats.map((numFmt): Partial<ExcelJS.Style> => (numFmt === null ? {} : { numFmt }));
  const dates = wallClockDates(layout.timeZone);
  let rowCount = 0;
  for (const row of concatRows(sample, rows)) {
    const cells = sheet.addRow(columns.map((column) => cellValue(column, row, dates)));
    styles.forEach((style, index) => {
      cells.getCell(index + 1).style = style;
    });
    cells.commit();
    rowCount += 1;
    if (rowCount % ROWS_PER_ZIP_WAIT === 0) await waitForZip(sheet);
  }

  const { report, about } = file.summary();
  const lastDataRow = rowCount + 1;
  const totals = sheet.addRow(
    columns.map((column, index): CellValue => {
      if (index === 0) return 'Total';
      if (column.kind === 'ratio') return column.value(totalsLine(report));
      const total = columnTotal(column, report);
      if (total === null) return null;
      const letter = columnLetter(index + 1);
      return rowCount === 0 ? total : { formula: `SUM(${letter}2:${letter}${lastDataRow})`, result: total };
    }),
  );
  totals.font = { bold: true };
  totals.commit();
  sheet.autoFilter = `A1:${columnLetter(columns.length)}${lastDataRow}`;
  sheet.commit();

  addAboutSheet(workbook, about, reportFootnotes(report));
  await workbook.commit();
}

/** Up to `count` next rows of `rows`. */
function takeRows(rows: Iterator<ReportRow>, count: number): ReportRow[] {
  const taken: ReportRow[] = [];
  while (taken.length < count) {
    const next = rows.next();
    if (next.done === true) break;
    taken.push(next.value);
  }
  return taken;
}

function* concatRows(first: readonly ReportRow[], rest: Iterator<ReportRow>): Generator<ReportRow> {
  yield* first;
  for (let next = rest.next(); next.done !== true; next = rest.next()) yield next.value;
}

function cellValue(column: ReportFileColumn, row: ReportRow, dates: (startMs: number) => Date): CellValue {
  switch (column.kind) {
    case 'text':
      return neutralizeFormula(column.value(row));
    case 'periodStart': {
      const startMs = column.value(row);
      return startMs === null ? null : dates(startMs);
    }
    case 'count':
      return column.value(row.totals);
    case 'money':
      // The nearest double to the exact decimal: exact up to 15 significant digits (below $1,000 at
      // full pico precision), and any SUM of these cells is within far less than a cent of the total.
      return picoToNumber(column.value(rowLine(row)));
    case 'ratio':
      return column.value(rowLine(row));
    default:
      return column satisfies never;
  }
}

function columnTotal(column: ReportFileColumn, report: ReportSummary): number | null {
  switch (column.kind) {
    case 'count':
      return column.value(report.totals);
    case 'money':
      return picoToNumber(column.value(totalsLine(report)));
    case 'text':
    case 'periodStart':
    case 'ratio':
      return null;
    default:
      return column satisfies never;
  }
}

function numberFormat(column: ReportFileColumn, layout: FileLayout): string | null {
  switch (column.kind) {
    case 'count':
      return COUNT_FORMAT;
    case 'money':
      return currencyNumberFormat(layout.currency);
    case 'ratio':
      return RATIO_FORMATS[column.format](layout.currency);
    case 'periodStart':
      return layout.by === 'hour' ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd';
    case 'text':
      return null;
    default:
      return column satisfies never;
  }
}

/** Text columns fit the widest of the heading and `sample` (up to 48); other kinds a fixed width. */
function columnWidth(column: ReportFileColumn, sample: readonly ReportRow[]): number {
  const headingWidth = column.heading.length + 2;
  switch (column.kind) {
    case 'text': {
      let widest = headingWidth;
      for (const row of sample) widest = Math.max(widest, column.value(row).length + 2);
      return Math.min(widest, WIDEST_TEXT_COLUMN);
    }
    case 'periodStart':
      return Math.max(headingWidth, 18);
    case 'count':
      return Math.max(headingWidth, 14);
    case 'money':
    case 'ratio':
      return Math.max(headingWidth, 16);
    default:
      return column satisfies never;
  }
}

/** `wallClockDate` in `timeZone`, remembering the last answer (rows of one period come together). */
function wallClockDates(timeZone: string): (instantMs: number) => Date {
  let lastMs = Number.NaN;
  let lastDate = new Date(0);
  return (instantMs) => {
    if (instantMs !== lastMs) {
      lastMs = instantMs;
      lastDate = wallClockDate(instantMs, timeZone);
    }
    return lastDate;
  };
}

/**
 * Spreadsheet dates have no time zone: the cell holds the period's local wall-clock start in the
 * report's zone (written as that UTC instant, which is how exceljs stores dates), so a Berlin day
 * reads as its own date, not the previous evening in UTC.
 */
export function wallClockDate(instantMs: number, timeZone: string): Date {
  const local = localParts(instantMs, timeZone);
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute));
}
