import type { Invoice } from '../chargeback/build-invoice.ts';
import { describeBalance } from './describe-balance.ts';
import { escapeHtml } from './escape-html.ts';
import { formatMoneyToDecimals } from './format-money.ts';
import { formatCount } from './format-number.ts';
import { htmlDocumentStart } from './report-html-style.ts';

/** Every chargeback amount is whole cents: show exactly two decimals. */
const money = (amountPico: bigint): string => formatMoneyToDecimals(amountPico, 'USD', 2);

/** What an invoice adds to the report's style sheet: a totals block and A4 page margins. */
const INVOICE_STYLE = `
table.totals { width: auto; margin-left: auto; min-width: 360px; }
table.totals th { text-align: left; font-weight: normal; }
table.totals tr.due th, table.totals tr.due td { font-weight: 700; font-size: 16px; border-top: 2px solid var(--ink); }
.empty { color: var(--muted); }
@media print { @page { size: A4; margin: 16mm; } h2 { break-after: avoid; } section { break-inside: avoid-page; } }
`;

/**
 * One cost center's statement as a self-contained HTML page (no script, nothing loaded: the same
 * Content-Security-Policy and style sheet as the HTML report, plus print rules), so a browser's
 * "Print" gives a clean A4/Letter PDF. Sections: usage lines, shared costs, adjustments, then
 * subtotal, tax and total due, and the About facts.
 */
export function renderInvoiceHtml(invoice: Invoice, about: readonly (readonly [string, string])[]): string {
  const title = `Statement ${invoice.period}: ${invoice.costCenter}${invoice.name === invoice.costCenter ? '' : ` (${invoice.name})`}`;
  const summary = [
    ['Total due', money(invoice.totalPico)],
    ['Direct usage', money(invoice.directPico)],
    ['Shared costs', money(invoice.sharedPico)],
    ['Before tax', money(invoice.subtotalPico)],
  ];
  return `${htmlDocumentStart(title, INVOICE_STYLE)}
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(`Cost center ${invoice.costCenter} · department ${invoice.department ?? '(none)'} · period ${invoice.period} · amounts in USD`)}</p>
<dl class="summary">${summary.map(([label = '', value = '']) => `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>
</header>
<main>
${usageSection(invoice)}
${sharedSection(invoice)}
${adjustmentSection(invoice)}
${totalsSection(invoice)}
${aboutSection(about)}
</main>
</body>
</html>
`;
}

function table(
  headings: readonly string[],
  numericFrom: number,
  rows: readonly (readonly string[])[],
  footer: readonly string[],
): string {
  const cell = (text: string, index: number, tag: 'td' | 'th'): string =>
    `<${tag}${index >= numericFrom ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  return `<table>
<thead><tr>${headings.map((heading, index) => cell(heading, index, 'th')).join('')}</tr></thead>
<tbody>
${rows.map((row) => `<tr>${row.map((text, index) => cell(text, index, 'td')).join('')}</tr>`).join('\n')}
</tbody>
<tfoot><tr>${footer.map((text, index) => cell(text, index, 'th')).join('')}</tr></tfoot>
</table>`;
}

function usageSection(invoice: Invoice): string {
  if (invoice.usageLines.length === 0) {
    return '<section><h2>Usage</h2><p class="empty">No direct usage in this period.</p></section>';
  }
  return `<section><h2>Usage</h2>
${table(
  ['Project', 'Provider', 'Model', 'Tokens', 'Amount'],
  3,
  invoice.usageLines.map((line) => [
    line.project ?? '(no project)',
    line.provider,
    line.model,
    formatCount(line.tokens),
    money(line.amountPico),
  ]),
  [
    'Direct usage',
    '',
    '',
    formatCount(invoice.usageLines.reduce((sum, line) => sum + line.tokens, 0)),
    money(invoice.directPico),
  ],
)}</section>`;
}

function sharedSection(invoice: Invoice): string {
  if (invoice.sharedLines.length === 0) return '';
  return `<section><h2>Shared costs</h2>
${table(
  ['Pool', 'Split', 'Share', 'Pool amount', 'Amount'],
  2,
  invoice.sharedLines.map((line) => [
    line.pool,
    line.method,
    `${(line.share * 100).toFixed(1)}%`,
    money(line.poolAmountPico),
    money(line.amountPico),
  ]),
  ['Shared costs', '', '', '', money(invoice.sharedPico)],
)}</section>`;
}

function adjustmentSection(invoice: Invoice): string {
  const lines = invoice.adjustmentLines;
  if (lines.length === 0) return '';
  const notes = invoice.balances.map((balance) => `<li>${escapeHtml(describeBalance(balance))}</li>`);
  return `<section><h2>Adjustments</h2>
${table(
  ['Adjustment', 'How', 'On', 'Amount'],
  2,
  lines.map((line) => [line.label, line.method, money(line.basePico), money(line.amountPico)]),
  ['Adjustments', '', '', money(lines.reduce((sum, line) => sum + line.amountPico, 0n))],
)}${notes.length === 0 ? '' : `\n<ul class="notes">${notes.join('')}</ul>`}</section>`;
}

function totalsSection(invoice: Invoice): string {
  const rows = [
    ['Direct usage', money(invoice.directPico)],
    ['Shared costs', money(invoice.sharedPico)],
    ['Adjustments', money(invoice.adjustmentLines.reduce((sum, line) => sum + line.amountPico, 0n))],
    ['Subtotal before tax', money(invoice.subtotalPico)],
    ...invoice.taxLines.map((line) => [`${line.label} (${line.method})`, money(line.amountPico)]),
  ];
  return `<section><h2>Total</h2>
<table class="totals">
${rows.map(([label = '', value = '']) => `<tr><th>${escapeHtml(label)}</th><td class="num">${escapeHtml(value)}</td></tr>`).join('\n')}
<tr class="due"><th>Total due</th><td class="num">${escapeHtml(money(invoice.totalPico))}</td></tr>
</table></section>`;
}

function aboutSection(about: readonly (readonly [string, string])[]): string {
  const rows = about
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  return `<section><h2>About this statement</h2>\n<table class="about">\n${rows}\n</table></section>`;
}
