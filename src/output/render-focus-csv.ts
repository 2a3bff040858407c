import type { FocusLine } from '../analysis/build-focus-lines.ts';
import { FOCUS_COLUMNS, toFocusRow, type FocusColumn } from './focus-row.ts';
import { neutralizeFormula } from './neutralize-formula.ts';

/**
 * Text cells that carry strings from your logs (model ids, API key ids, project names, cost centers)
 * or names derived from them. They get the formula-injection guard every llmcost CSV applies (a leading
 * `'` before `=`, `+`, `-`, `@`, tab or CR). Left alone: numbers, datetimes, units, currency and the
 * spec's allowed values (they never start so, and must stay exact), and Tags, a JSON object, which
 * always starts with `{`.
 */
const FROM_THE_DATA: ReadonlySet<FocusColumn> = new Set<FocusColumn>([
  'BillingAccountId',
  'BillingAccountName',
  'ChargeDescription',
  'InvoiceIssuerName',
  'ProviderName',
  'PublisherName',
  'ResourceId',
  'ServiceName',
  'SkuId',
  'x_CostCenter',
  'x_Model',
]);

/** The header line of a FOCUS CSV. */
export function renderFocusCsvHeader(): string {
  return `${FOCUS_COLUMNS.join(',')}\n`;
}

/**
 * FOCUS lines as CSV rows, RFC 4180: a cell holding a comma, a double quote, a line break or edge
 * spaces is quoted, its quotes doubled; rows end with `\n`, as in every llmcost CSV. A null is an empty
 * cell; no FOCUS value is an empty string (§ Attributes › Null Handling). Written by hand rather than
 * with papaparse's unparse: a large export renders millions of rows, and this is several times faster.
 */
export function renderFocusCsvRows(lines: readonly FocusLine[]): string {
  let text = '';
  for (const line of lines) {
    const row = toFocusRow(line);
    let cells = '';
    for (const [index, column] of FOCUS_COLUMNS.entries()) {
      const value = row[column];
      const cell = value === null ? '' : FROM_THE_DATA.has(column) ? neutralizeFormula(value) : value;
      cells += index === 0 ? csvCell(cell) : `,${csvCell(cell)}`;
    }
    text += `${cells}\n`;
  }
  return text;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
