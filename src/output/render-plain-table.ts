import Table from 'cli-table3';
import chalk from 'chalk';
import type { DisplayOptions } from './display-options.ts';
import { truncateMiddle } from './format-number.ts';

const GAP = '  ';
const MIN_SHRUNK_WIDTH = 8;

const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: GAP,
};

/** Cells of a terminal table, already formatted. */
export interface PlainTable {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** A last row under a rule (e.g. totals), bold like the head when colour is on. */
  readonly footer?: readonly string[];
  /** Per column; default left. */
  readonly align: readonly ('left' | 'right')[];
  /** Columns whose cells are shortened in the middle (ids and paths keep both ends) to fit the width. */
  readonly shrinkable?: readonly number[];
}

/**
 * The house table: no borders, two spaces between columns, a rule under the head and above the footer,
 * no trailing blanks, bold head only with colour. Shrinkable columns share what `display.width` leaves
 * after the others, narrowest first.
 */
export function renderPlainTable(table: PlainTable, display: DisplayOptions): string {
  const { head, footer } = table;
  const body = table.rows.map((cells) => [...cells]);
  const widthOf = (column: number): number =>
    Math.max(
      head[column]?.length ?? 0,
      footer?.[column]?.length ?? 0,
      ...body.map((cells) => cells[column]?.length ?? 0),
    );
  const shrinkable = table.shrinkable ?? [];
  if (shrinkable.length > 0) {
    const fixedWidth = head.reduce(
      (sum, _, column) => (shrinkable.includes(column) ? sum : sum + widthOf(column)),
      0,
    );
    const available = display.width - fixedWidth - GAP.length * (head.length - 1);
    const widths = shareWidth(shrinkable.map(widthOf), available);
    shrinkable.forEach((column, index) => {
      for (const cells of body)
        cells[column] = truncateMiddle(cells[column] ?? '', widths[index] ?? MIN_SHRUNK_WIDTH);
    });
  }
  const paint = (text: string): string => (display.color ? chalk.bold(text) : text);
  const output = new Table({
    head: head.map(paint),
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: head.map((_, column) => table.align[column] ?? 'left'),
  });
  const rule = head.map((_, column) => '─'.repeat(widthOf(column)));
  output.push(rule, ...body);
  if (footer !== undefined) output.push(rule, footer.map(paint));
  return `${output
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')}\n`;
}

/** Gives each column what it needs, narrowest first, capped at a fair share of what is left. */
function shareWidth(needed: readonly number[], available: number): number[] {
  const widths = needed.map(() => MIN_SHRUNK_WIDTH);
  let left = available;
  const order = needed.map((width, index) => ({ width, index })).sort((a, b) => a.width - b.width);
  order.forEach(({ width, index }, position) => {
    const fair = Math.floor(left / (order.length - position));
    const given = Math.max(MIN_SHRUNK_WIDTH, Math.min(width, fair));
    widths[index] = given;
    left -= given;
  });
  return widths;
}
