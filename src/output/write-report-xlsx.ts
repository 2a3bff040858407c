import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Report, ReportRow } from '../analysis/build-report.ts';
import { picoToNumber } from '../model/money.ts';
import { localParts } from '../model/zoned-time.ts';
import { currencyNumberFormat } from './format-money.ts';
import { addAboutSheet } from './add-about-sheet.ts';
import { neutralizeFormula } from './neutralize-formula.ts';
import { reportFootnotes } from './report-columns.ts';
import { reportFileColumns, rowLine, totalsLine, type ReportFileColumn } from './report-file-columns.ts';
import { columnLetter } from './xlsx-column-letter.ts';

const COUNT_FORMAT = '#,##0';
/** Unit costs keep six decimals; shares are fractions shown as percent; percents are numbers of percent. */
const RATIO_FORMATS = {
  unitCost: (currency: string) => currencyNumberFormat(currency).replace('0.00##', '0.00####'),
  share: () => '0.0%',
  percent: () => '0.0"%"',
} as const;
const WIDEST_TEXT_COLUMN = 48;

type CellValue = string | number | Date | null | { formula: string; result: number };

/**
 * Streams the report as an XLSX workbook to `output` (exceljs's streaming writer: rows are flushed as
 * they are written, so a 500k-row report does not sit in memory twice). Sheet "Report": the rows of
 * `renderReportCsv` with a frozen, filterable header, numbers as numbers, money as numbers in the
 * report's currency format, period starts as dates (wall-clock time in the report's zone), and a
 * totals row of SUM formulas whose cached results are the report's own totals. Sheet "About": `about`
 * and the table's footnotes. Resolves once `output` has received the whole file.
 */
export async function writeReportXlsx(
  report: Report,
  about: readonly (readonly [string, string])[],
  output: Writable,
  createdMs: number,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'llmcost';
  workbook.created = new Date(createdMs);
  workbook.modified = workbook.created;

  const columns = reportFileColumns(report);
  const sheet = workbook.addWorksheet('Report', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  // Number formats sit on the columns: exceljs gives each new cell its column's style, which is far
  // cheaper than styling 10M cells one by one.
  sheet.columns = columns.map((column) => {
    const numFmt = numberFormat(column, report);
    return {
      header: column.heading,
      key: column.name,
      width: columnWidth(column, report),
      ...(numFmt === null ? {} : { style: { numFmt } }),
    };
  });
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  for (const row of report.rows) {
    sheet.addRow(columns.map((column) => cellValue(column, row, report.timeZone))).commit();
  }

  const lastDataRow = report.rows.length + 1;
  const totals = sheet.addRow(
    columns.map((column, index): CellValue => {
      if (index === 0) return 'Total';
      if (column.kind === 'ratio') return column.value(totalsLine(report));
      const total = columnTotal(column, report);
      if (total === null) return null;
      const letter = columnLetter(index + 1);
      return report.rows.length === 0
        ? total
        : { formula: `SUM(${letter}2:${letter}${lastDataRow})`, result: total };
    }),
  );
  totals.font = { bold: true };
  totals.commit();
  sheet.autoFilter = `A1:${columnLetter(columns.length)}${lastDataRow}`;
  sheet.commit();

  addAboutSheet(workbook, about, reportFootnotes(report));
  await workbook.commit();
}

function cellValue(column: ReportFileColumn, row: ReportRow, timeZone: string): CellValue {
  switch (column.kind) {
    case 'text':
      return neutralizeFormula(column.value(row));
    case 'periodStart': {
      const startMs = column.value(row);
      return startMs === null ? null : wallClockDate(startMs, timeZone);
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

function columnTotal(column: ReportFileColumn, report: Report): number | null {
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

function numberFormat(column: ReportFileColumn, report: Report): string | null {
  switch (column.kind) {
    case 'count':
      return COUNT_FORMAT;
    case 'money':
      return currencyNumberFormat(report.currency);
    case 'ratio':
      return RATIO_FORMATS[column.format](report.currency);
    case 'periodStart':
      return report.by === 'hour' ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd';
    case 'text':
      return null;
    default:
      return column satisfies never;
  }
}

function columnWidth(column: ReportFileColumn, report: Report): number {
  const headingWidth = column.heading.length + 2;
  switch (column.kind) {
    case 'text': {
      let widest = headingWidth;
      for (const row of report.rows) widest = Math.max(widest, column.value(row).length + 2);
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

/**
 * Spreadsheet dates have no time zone: the cell holds the period's local wall-clock start in the
 * report's zone (written as that UTC instant, which is how exceljs stores dates), so a Berlin day
 * reads as its own date, not the previous evening in UTC.
 */
function wallClockDate(instantMs: number, timeZone: string): Date {
  const local = localParts(instantMs, timeZone);
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute));
}
