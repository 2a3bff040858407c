import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { TOKEN_CLASS_LABELS } from '../anomalies/token-class.ts';
import type { ChargebackStatement } from '../chargeback/chargeback-statement.ts';
import type { DepartmentRow } from '../chargeback/group-by-department.ts';
import { picoToNumber } from '../model/money.ts';
import { addAboutSheet } from './add-about-sheet.ts';
import { chargebackNotes } from './chargeback-tables.ts';
import { currencyNumberFormat } from './format-money.ts';
import { neutralizeFormula } from './neutralize-formula.ts';
import { startWorkbook } from './start-workbook.ts';
import { columnLetter } from './xlsx-column-letter.ts';

const MONEY_FORMAT = currencyNumberFormat('USD');
const COUNT_FORMAT = '#,##0';
const WEIGHT_FORMAT = '#,##0.00####';
const SHARE_FORMAT = '0.00%';
const WIDEST_TEXT_COLUMN = 40;

/** A cell: text (neutralised here), a number, a formula with its cached result, or empty. */
type Cell = string | number | { readonly formula: string; readonly result: number } | null;

/** A column of a table sheet; `total` columns get a SUM formula in the totals row. */
interface SheetColumn {
  readonly heading: string;
  readonly kind: 'text' | 'money' | 'count' | 'weight' | 'share';
  readonly total?: boolean;
}

interface TableSheet {
  readonly name: string;
  readonly columns: readonly SheetColumn[];
  /** Values in column order; money as exact pico-dollars (whole cents), counts as numbers. */
  readonly rows: readonly (readonly (string | number | bigint | null)[])[];
  /** Per data row (1-based sheet row number), a formula replacing a column's value, with its result. */
  readonly rowFormulas?: Readonly<Record<number, (rowNumber: number) => string>>;
}

/**
 * Streams the chargeback workbook to `output` (exceljs's streaming writer: rows are flushed as they
 * are written). Sheets:
 * - **Summary**: one row per cost center (or department): direct, shared, adjustments and a Total of
 *   `SUM` formulas; a totals row of `SUM`s whose cached results are the statement's exact totals;
 * - **Detail**: spend by cost center (or pool) × project × model × token class, with token counts;
 * - **Allocation**: each pool, its method, each cost center's weight, share and amount;
 * - **Adjustments**: every adjustment line with the amount it was computed on;
 * - **About**: period, time zone, rules hash, price-book versions, cost mode, and the notes.
 * Every table sheet has a bold frozen header, an autofilter, USD currency formats and column widths
 * that fit its text; text from the config and the data is neutralised against formula injection.
 */
export async function writeChargebackXlsx(
  statement: ChargebackStatement,
  departments: readonly DepartmentRow[] | null,
  about: readonly (readonly [string, string])[],
  output: Writable,
  createdMs: number,
): Promise<void> {
  const workbook = startWorkbook(output, createdMs);
  addTableSheet(workbook, summarySheet(statement, departments));
  addTableSheet(workbook, detailSheet(statement));
  addTableSheet(workbook, allocationSheet(statement));
  addTableSheet(workbook, adjustmentsSheet(statement));
  addAboutSheet(workbook, about, chargebackNotes(statement));
  await workbook.commit();
}

const AMOUNT_COLUMNS: readonly SheetColumn[] = [
  { heading: 'Direct', kind: 'money', total: true },
  { heading: 'Shared', kind: 'money', total: true },
  { heading: 'Adjustments', kind: 'money', total: true },
  { heading: 'Total', kind: 'money', total: true },
];

function summarySheet(
  statement: ChargebackStatement,
  departments: readonly DepartmentRow[] | null,
): TableSheet {
  const amounts = (row: {
    directPico: bigint;
    sharedPico: bigint;
    adjustmentsPico: bigint;
    totalPico: bigint;
  }) => [row.directPico, row.sharedPico, row.adjustmentsPico, row.totalPico];
  if (departments !== null) {
    return {
      name: 'Summary',
      columns: [
        { heading: 'Department', kind: 'text' },
        { heading: 'Cost centers', kind: 'text' },
        ...AMOUNT_COLUMNS,
      ],
      rows: departments.map((row) => [row.department, row.costCenters.join(', '), ...amounts(row)]),
      rowFormulas: { 6: (rowNumber) => `SUM(C${rowNumber}:E${rowNumber})` },
    };
  }
  return {
    name: 'Summary',
    columns: [
      { heading: 'Cost center', kind: 'text' },
      { heading: 'Name', kind: 'text' },
      { heading: 'Department', kind: 'text' },
      ...AMOUNT_COLUMNS,
    ],
    rows: statement.rows.map((row) => [row.costCenter, row.name, row.department ?? '', ...amounts(row)]),
    rowFormulas: { 7: (rowNumber) => `SUM(D${rowNumber}:F${rowNumber})` },
  };
}

function detailSheet(statement: ChargebackStatement): TableSheet {
  return {
    name: 'Detail',
    columns: [
      { heading: 'Cost center or pool', kind: 'text' },
      { heading: 'Bucket', kind: 'text' },
      { heading: 'Project', kind: 'text' },
      { heading: 'Provider', kind: 'text' },
      { heading: 'Model', kind: 'text' },
      { heading: 'Token class', kind: 'text' },
      { heading: 'Tokens', kind: 'count', total: true },
      { heading: 'Cost', kind: 'money', total: true },
    ],
    rows: statement.detail.map((line) => [
      line.costCenter,
      line.bucket,
      line.project ?? '',
      line.provider,
      line.model,
      TOKEN_CLASS_LABELS[line.tokenClass],
      line.tokens,
      line.costPico,
    ]),
  };
}

function allocationSheet(statement: ChargebackStatement): TableSheet {
  return {
    name: 'Allocation',
    columns: [
      { heading: 'Pool', kind: 'text' },
      { heading: 'Source', kind: 'text' },
      { heading: 'Method', kind: 'text' },
      { heading: 'Pool amount', kind: 'money' },
      { heading: 'Cost center', kind: 'text' },
      { heading: 'Weight', kind: 'weight' },
      { heading: 'Share', kind: 'share' },
      { heading: 'Amount', kind: 'money', total: true },
      { heading: 'Note', kind: 'text' },
    ],
    rows: statement.pools.flatMap((pool) => {
      const weightSum = pool.shares.reduce((sum, share) => sum + share.weight, 0n);
      return pool.shares.map((share) => [
        pool.name,
        pool.source,
        pool.method,
        pool.amountPico,
        share.costCenter,
        picoToNumber(share.weight),
        weightSum === 0n ? 0 : Number((share.weight * 1_000_000_000n) / weightSum) / 1_000_000_000,
        share.amountPico,
        pool.note ?? '',
      ]);
    }),
  };
}

function adjustmentsSheet(statement: ChargebackStatement): TableSheet {
  return {
    name: 'Adjustments',
    columns: [
      { heading: 'Cost center', kind: 'text' },
      { heading: 'Kind', kind: 'text' },
      { heading: 'Label', kind: 'text' },
      { heading: 'Method', kind: 'text' },
      { heading: 'Base', kind: 'money' },
      { heading: 'Amount', kind: 'money', total: true },
    ],
    rows: statement.rows.flatMap((row) =>
      row.adjustments.map((line) => [
        row.costCenter,
        line.kind,
        line.label,
        line.method,
        line.basePico,
        line.amountPico,
      ]),
    ),
  };
}

/** Streams one table sheet: header, rows, and a totals row of SUM formulas over the `total` columns. */
function addTableSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: TableSheet): void {
  const { columns, rows } = table;
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = columns.map((column, index) => {
    const numFmt = NUMBER_FORMATS[column.kind];
    return {
      header: column.heading,
      width: columnWidth(column, rows, index),
      ...(numFmt === null ? {} : { style: { numFmt } }),
    };
  });
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  const totals = columns.map(() => 0);
  const exactTotals = columns.map(() => 0n);
  rows.forEach((values, rowIndex) => {
    const rowNumber = rowIndex + 2;
    const cells = columns.map((column, index): Cell => {
      const value = values[index] ?? null;
      if (typeof value === 'bigint') exactTotals[index] = (exactTotals[index] ?? 0n) + value;
      else if (typeof value === 'number') totals[index] = (totals[index] ?? 0) + value;
      const cell = toCell(column, value);
      const formula = table.rowFormulas?.[index + 1];
      return formula === undefined || typeof cell !== 'number'
        ? cell
        : { formula: formula(rowNumber), result: cell };
    });
    sheet.addRow(cells).commit();
  });

  const lastDataRow = rows.length + 1;
  const totalsRow = sheet.addRow(
    columns.map((column, index): Cell => {
      if (index === 0) return 'Total';
      if (column.total !== true) return null;
      // Cached results are the exact sums (money: of whole cents, so the double is the exact decimal).
      const result = column.kind === 'money' ? picoToNumber(exactTotals[index] ?? 0n) : (totals[index] ?? 0);
      const letter = columnLetter(index + 1);
      return rows.length === 0 ? result : { formula: `SUM(${letter}2:${letter}${lastDataRow})`, result };
    }),
  );
  totalsRow.font = { bold: true };
  totalsRow.commit();
  sheet.autoFilter = `A1:${columnLetter(columns.length)}${lastDataRow}`;
  sheet.commit();
}

const NUMBER_FORMATS: Readonly<Record<SheetColumn['kind'], string | null>> = {
  text: null,
  money: MONEY_FORMAT,
  count: COUNT_FORMAT,
  weight: WEIGHT_FORMAT,
  share: SHARE_FORMAT,
};

function toCell(column: SheetColumn, value: string | number | bigint | null): Cell {
  if (value === null) return null;
  if (typeof value === 'bigint') return picoToNumber(value);
  if (typeof value === 'number') return value;
  return column.kind === 'text' ? neutralizeFormula(value) : value;
}

function columnWidth(
  column: SheetColumn,
  rows: readonly (readonly (string | number | bigint | null)[])[],
  index: number,
): number {
  const headingWidth = column.heading.length + 2;
  if (column.kind !== 'text') return Math.max(headingWidth, 14);
  let widest = headingWidth;
  for (const row of rows) {
    const value = row[index];
    if (typeof value === 'string') widest = Math.max(widest, value.length + 2);
  }
  return Math.min(widest, WIDEST_TEXT_COLUMN);
}
