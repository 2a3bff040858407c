import { WEEKDAY_NAMES, type SpendHeatmap } from '../analysis/bin-spend-by-weekday-hour.ts';
import { formatMoney } from './format-money.ts';
import { heatmapFootnotes } from './heatmap-notes.ts';
import { escapeMarkdownText, renderMarkdownTable } from './render-markdown-table.ts';

/**
 * The matrix as a Markdown table (weekday rows, 24 hour columns, weekday totals, a bold row of hour
 * totals). Cells are money as people read it (`formatMoney`: cents, four decimals under a dollar), empty
 * where nothing was spent; `--format csv` or `json` give the exact amounts.
 */
export function renderHeatmapMarkdown(heatmap: SpendHeatmap): string {
  const money = (amount: bigint): string => (amount === 0n ? '' : formatMoney(amount, heatmap.currency));
  const head = [
    'Weekday',
    ...Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0')),
    'Total',
  ];
  const table = renderMarkdownTable({
    head,
    rows: heatmap.cells.map((row, weekday) => [
      WEEKDAY_NAMES[weekday] ?? '',
      ...row.map(money),
      money(heatmap.weekdayTotals[weekday] ?? 0n),
    ]),
    footer: ['Total', ...heatmap.hourTotals.map(money), formatMoney(heatmap.totalPico, heatmap.currency)],
    align: head.map((_, index) => (index === 0 ? 'left' : 'right')),
  });
  const notes = [
    `Spend by weekday and hour of day in ${heatmap.timeZone}, summed over the range.`,
    ...heatmapFootnotes(heatmap),
  ].map(escapeMarkdownText);
  return `${table}\n${notes.join('\n')}\n`;
}
