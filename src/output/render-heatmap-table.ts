import {
  WEEKDAY_NAMES,
  indexOfLargest,
  peakCells,
  type SpendHeatmap,
} from '../analysis/bin-spend-by-weekday-hour.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatMoney } from './format-money.ts';
import { wrapText } from './format-number.ts';
import { heatmapFootnotes } from './heatmap-notes.ts';

/** Shades for no spend, then the four quarters of the largest cell; readable without colour. */
const SHADES = ['·', '░', '▒', '▓', '█'] as const;
const CELL_WIDTH = 2;
const LABEL_WIDTH = 5;
const PEAK_COUNT = 3;

const pad2 = (value: number): string => String(value).padStart(2, '0');

/**
 * The shade level of an amount: 0 for nothing, else 1–4 for the quarter of the largest cell it falls in
 * (`(k-1)/4 × max < amount ≤ k/4 × max`). A linear scale, so the legend's amounts read directly.
 */
export function shadeLevel(amountPico: bigint, largestPico: bigint): number {
  if (amountPico <= 0n || largestPico <= 0n) return 0;
  const level = (amountPico * 4n + largestPico - 1n) / largestPico;
  return Number(level > 4n ? 4n : level);
}

/**
 * The heatmap as text: seven weekday rows of 24 shaded hour cells with each weekday's total, a legend
 * with the amount each shade stands for, the total per hour of day, and the peak hours. About 90
 * columns wide; amounts in the heatmap's currency.
 */
export function renderHeatmapTable(heatmap: SpendHeatmap, display: DisplayOptions): string {
  if (heatmap.records === 0) return 'No usage in this range.\n';
  const money = (amount: bigint): string => formatMoney(amount, heatmap.currency);
  const largest = heatmap.cells.flat().reduce((max, value) => (value > max ? value : max), 0n);
  const totalTexts = [...heatmap.weekdayTotals.map(money), money(heatmap.totalPico)];
  const totalWidth = Math.max('Total'.length, ...totalTexts.map((text) => text.length));
  const hours = Array.from({ length: 24 }, (_, hour) => pad2(hour));
  const line = (label: string, cells: readonly string[], total: string): string =>
    `${label.padEnd(LABEL_WIDTH)}${cells.join(' ')}  ${total.padStart(totalWidth)}`.trimEnd();
  const gridWidth = 24 * (CELL_WIDTH + 1) - 1;

  const lines = [
    ...wrapText(
      `Spend by weekday and local hour in ${heatmap.timeZone}, summed over the whole range:`,
      display.width,
    ),
    '',
    line('', hours, 'Total'),
    ...heatmap.cells.map((row, weekday) =>
      line(
        WEEKDAY_NAMES[weekday] ?? '',
        row.map((amount) => shadeCell(shadeLevel(amount, largest))),
        totalTexts[weekday] ?? '',
      ),
    ),
    `${' '.repeat(LABEL_WIDTH)}${'─'.repeat(gridWidth)}  ${'─'.repeat(totalWidth)}`,
    line('Total', [' '.repeat(gridWidth)], totalTexts[7] ?? ''),
    '',
    ...wrapText(legend(largest, money), display.width, '        '),
    '',
    'Per hour of day, all weekdays:',
    ...hourTotalLines(
      heatmap.hourTotals.map((amount) => (amount === 0n ? '-' : money(amount))),
      display.width,
    ),
    '',
    ...peakLines(heatmap, money).flatMap((text) => wrapText(text, display.width, '  ')),
    '',
    ...heatmapFootnotes(heatmap).flatMap((text) => wrapText(text, display.width, '    ')),
  ];
  return `${lines.join('\n')}\n`;
}

/** A cell's text: the shade twice, or a centred dot for no spend (a lighter grid than `··`). */
function shadeCell(level: number): string {
  return level === 0 ? ' ·' : (SHADES[level] ?? ' ').repeat(CELL_WIDTH);
}

/** What each shade stands for: the upper bound of its quarter of the largest cell. */
function legend(largest: bigint, money: (amount: bigint) => string): string {
  const steps = [1, 2, 3, 4].map(
    (level) => `${shadeCell(level)} ≤ ${money((largest * BigInt(level) + 3n) / 4n)}`,
  );
  return `Shades per cell: ${shadeCell(0)} none   ${steps.join('   ')}`;
}

/** `00 $1.23` entries, amounts aligned, as many per line as fit (a divisor of 24, so columns align). */
function hourTotalLines(amounts: readonly string[], width: number): string[] {
  const amountWidth = Math.max(...amounts.map((text) => text.length));
  const entries = amounts.map((text, hour) => `${pad2(hour)} ${text.padStart(amountWidth)}`);
  const entryWidth = 3 + amountWidth + 3;
  const perLine = [8, 6, 4, 3, 2, 1].find((count) => 2 + count * entryWidth - 3 <= width) ?? 1;
  const lines: string[] = [];
  for (let start = 0; start < 24; start += perLine) {
    lines.push(`  ${entries.slice(start, start + perLine).join('   ')}`);
  }
  return lines;
}

function peakLines(heatmap: SpendHeatmap, money: (amount: bigint) => string): string[] {
  const peaks = peakCells(heatmap, PEAK_COUNT).map(
    (cell) => `${WEEKDAY_NAMES[cell.weekday] ?? ''} ${pad2(cell.hour)}:00 ${money(cell.costPico)}`,
  );
  const hour = indexOfLargest(heatmap.hourTotals);
  const weekday = indexOfLargest(heatmap.weekdayTotals);
  const lines = [`Peak hours: ${peaks.length > 0 ? peaks.join(', ') : 'none (no spend)'}.`];
  if (hour !== null && weekday !== null) {
    lines.push(
      `Busiest hour of day: ${pad2(hour)}:00-${pad2((hour + 1) % 24)}:00 (${money(heatmap.hourTotals[hour] ?? 0n)}); busiest weekday: ${WEEKDAY_NAMES[weekday] ?? ''} (${money(heatmap.weekdayTotals[weekday] ?? 0n)}).`,
    );
  }
  return lines;
}
