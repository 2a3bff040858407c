import type { Invoice } from '../chargeback/build-invoice.ts';
import type { AdjustmentLine } from '../chargeback/chargeback-statement.ts';
import { picoToNumber } from '../model/money.ts';
import { formatMoneyToDecimals } from './format-money.ts';
import { describeBalance } from './describe-balance.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatCount, wrapText } from './format-number.ts';
import { escapeMarkdownText, renderMarkdownTable } from './render-markdown-table.ts';
import { renderPlainTable, type PlainTable } from './render-plain-table.ts';

/** Every chargeback amount is whole cents: show exactly two decimals. */
const money = (amountPico: bigint): string => formatMoneyToDecimals(amountPico, 'USD', 2);

/** `llmcost invoice --format json`: the statement with dollars as decimal numbers of whole cents. */
export function renderInvoiceJson(invoice: Invoice): string {
  const adjustment = (line: AdjustmentLine) => ({
    kind: line.kind,
    label: line.label,
    method: line.method,
    base: picoToNumber(line.basePico),
    amount: picoToNumber(line.amountPico),
  });
  const json = {
    period: invoice.period,
    currency: 'USD',
    costCenter: invoice.costCenter,
    name: invoice.name,
    department: invoice.department,
    usageLines: invoice.usageLines.map((line) => ({
      project: line.project,
      provider: line.provider,
      model: line.model,
      tokens: line.tokens,
      amount: picoToNumber(line.amountPico),
    })),
    direct: picoToNumber(invoice.directPico),
    sharedLines: invoice.sharedLines.map((line) => ({
      pool: line.pool,
      method: line.method,
      share: line.share,
      poolAmount: picoToNumber(line.poolAmountPico),
      amount: picoToNumber(line.amountPico),
    })),
    shared: picoToNumber(invoice.sharedPico),
    adjustmentLines: invoice.adjustmentLines.map(adjustment),
    subtotal: picoToNumber(invoice.subtotalPico),
    taxLines: invoice.taxLines.map(adjustment),
    total: picoToNumber(invoice.totalPico),
    balances: invoice.balances.map((balance) => ({
      kind: balance.kind,
      label: balance.label,
      available: picoToNumber(balance.availablePico),
      applied: picoToNumber(balance.appliedPico),
      remaining: picoToNumber(balance.remainingPico),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** The statement's sections as table cells, shared by the Markdown and terminal renderers. */
function invoiceSections(invoice: Invoice): { heading: string; table: PlainTable }[] {
  const sections = [
    {
      heading: 'Usage',
      table: {
        head: ['Project', 'Provider', 'Model', 'Tokens', 'Amount'],
        rows: invoice.usageLines.map((line) => [
          line.project ?? '(no project)',
          line.provider,
          line.model,
          formatCount(line.tokens),
          money(line.amountPico),
        ]),
        footer: ['Direct usage', '', '', '', money(invoice.directPico)],
        align: ['left', 'left', 'left', 'right', 'right'],
        shrinkable: [0, 2],
      } satisfies PlainTable,
    },
  ];
  if (invoice.sharedLines.length > 0) {
    sections.push({
      heading: 'Shared costs',
      table: {
        head: ['Pool', 'Split', 'Share', 'Pool amount', 'Amount'],
        rows: invoice.sharedLines.map((line) => [
          line.pool,
          line.method,
          `${(line.share * 100).toFixed(1)}%`,
          money(line.poolAmountPico),
          money(line.amountPico),
        ]),
        footer: ['Shared costs', '', '', '', money(invoice.sharedPico)],
        align: ['left', 'left', 'right', 'right', 'right'],
        shrinkable: [0],
      },
    });
  }
  sections.push({
    heading: 'Total',
    table: {
      head: ['Line', 'How', 'Amount'],
      rows: [
        ['Direct usage', '', money(invoice.directPico)],
        ['Shared costs', '', money(invoice.sharedPico)],
        ...invoice.adjustmentLines.map((line) => [line.label, line.method, money(line.amountPico)]),
        ['Subtotal before tax', '', money(invoice.subtotalPico)],
        ...invoice.taxLines.map((line) => [line.label, line.method, money(line.amountPico)]),
      ],
      footer: ['Total due', '', money(invoice.totalPico)],
      align: ['left', 'left', 'right'],
      shrinkable: [0, 1],
    },
  });
  return sections;
}

function invoiceTitle(invoice: Invoice): string {
  return `Statement ${invoice.period}: ${invoice.costCenter}${invoice.name === invoice.costCenter ? '' : ` (${invoice.name})`}`;
}

/** The statement as Markdown: one table per section, the total, and what is left of credits and balances. */
export function renderInvoiceMarkdown(invoice: Invoice): string {
  const parts = [
    `## ${escapeMarkdownText(invoiceTitle(invoice))}\n`,
    `Department: ${escapeMarkdownText(invoice.department ?? '(none)')}. Amounts in USD.\n`,
    ...invoiceSections(invoice).flatMap((section) => [
      `### ${section.heading}\n`,
      renderMarkdownTable(section.table),
    ]),
  ];
  const notes = invoice.balances.map(describeBalance);
  if (notes.length > 0) parts.push(notes.map((note) => `- ${escapeMarkdownText(note)}`).join('\n') + '\n');
  return parts.join('\n');
}

/** The statement in the terminal (`--format table`): the same sections as house tables, fitted to the width. */
export function renderInvoiceTable(invoice: Invoice, display: DisplayOptions): string {
  const parts = [
    `${invoiceTitle(invoice)}\nDepartment: ${invoice.department ?? '(none)'}. Amounts in USD.\n`,
    ...invoiceSections(invoice).map(
      (section) => `${section.heading}\n${renderPlainTable(section.table, display)}`,
    ),
  ];
  const notes = invoice.balances.flatMap((balance) =>
    wrapText(describeBalance(balance), display.width, '  '),
  );
  if (notes.length > 0) parts.push(`${notes.join('\n')}\n`);
  return parts.join('\n');
}
