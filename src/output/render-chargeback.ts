import Papa from 'papaparse';
import type { ChargebackStatement } from '../chargeback/chargeback-statement.ts';
import type { DepartmentRow } from '../chargeback/group-by-department.ts';
import { chargebackNotes, chargebackPoolsTable, chargebackSummaryTable } from './chargeback-tables.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatCentsExact } from './format-money.ts';
import { wrapText } from './format-number.ts';
import { neutralizeFormula } from './neutralize-formula.ts';
import { escapeMarkdownText, renderMarkdownTable } from './render-markdown-table.ts';
import { renderPlainTable } from './render-plain-table.ts';

/** The terminal view: the summary, then how the pools were split, then the notes. */
export function renderChargebackTable(
  statement: ChargebackStatement,
  departments: readonly DepartmentRow[] | null,
  display: DisplayOptions,
): string {
  const parts = [renderPlainTable(chargebackSummaryTable(statement, departments), display)];
  if (statement.pools.length > 0) parts.push(renderPlainTable(chargebackPoolsTable(statement), display));
  const notes = chargebackNotes(statement).flatMap((note) => wrapText(note, display.width, '  '));
  parts.push(notes.join('\n') + '\n');
  return parts.join('\n');
}

/** The same as Markdown: two tables and a list of notes. */
export function renderChargebackMarkdown(
  statement: ChargebackStatement,
  departments: readonly DepartmentRow[] | null,
): string {
  const parts = [
    `## Chargeback ${statement.period}\n`,
    renderMarkdownTable(chargebackSummaryTable(statement, departments)),
  ];
  if (statement.pools.length > 0)
    parts.push('### Shared pools\n', renderMarkdownTable(chargebackPoolsTable(statement)));
  parts.push(
    chargebackNotes(statement)
      .map((note) => `- ${escapeMarkdownText(note)}`)
      .join('\n') + '\n',
  );
  return parts.join('\n');
}

/**
 * The summary as CSV (no totals row, so the columns sum cleanly in a spreadsheet): dollars with two
 * decimals (every amount is whole cents, so they are exact); text from the config neutralised against formula injection.
 */
export function renderChargebackCsv(
  statement: ChargebackStatement,
  departments: readonly DepartmentRow[] | null,
): string {
  const amounts = (row: {
    directPico: bigint;
    sharedPico: bigint;
    adjustmentsPico: bigint;
    totalPico: bigint;
  }) => [
    formatCentsExact(row.directPico),
    formatCentsExact(row.sharedPico),
    formatCentsExact(row.adjustmentsPico),
    formatCentsExact(row.totalPico),
  ];
  const amountFields = ['direct_usd', 'shared_usd', 'adjustments_usd', 'total_usd'];
  const table =
    departments === null
      ? {
          fields: ['period', 'cost_center', 'name', 'department', ...amountFields],
          data: statement.rows.map((row) => [
            statement.period,
            neutralizeFormula(row.costCenter),
            neutralizeFormula(row.name),
            neutralizeFormula(row.department ?? ''),
            ...amounts(row),
          ]),
        }
      : {
          fields: ['period', 'department', 'cost_centers', ...amountFields],
          data: departments.map((row) => [
            statement.period,
            neutralizeFormula(row.department),
            neutralizeFormula(row.costCenters.join(' ')),
            ...amounts(row),
          ]),
        };
  return `${Papa.unparse(table, { newline: '\n' })}\n`;
}
