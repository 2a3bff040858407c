import Papa from 'papaparse';
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
 * FOCUS lines as CSV rows (RFC 4180 quoting by papaparse: a cell holding a comma, a quote, a line break
 * or edge spaces is quoted, quotes doubled; `\n` line ends, as every llmcost CSV). A null is an empty
 * cell; no FOCUS value is an empty string (§ Attributes › Null Handling).
 */
export function renderFocusCsvRows(lines: readonly FocusLine[]): string {
  if (lines.length === 0) return '';
  const data = lines.map((line) => {
    const row = toFocusRow(line);
    return FOCUS_COLUMNS.map((column) => {
      const value = row[column];
      if (value === null) return '';
      return FROM_THE_DATA.has(column) ? neutralizeFormula(value) : value;
    });
  });
  return `${Papa.unparse(data, { header: false, newline: '\n' })}\n`;
}
