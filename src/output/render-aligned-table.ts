import chalk from 'chalk';
import type { DisplayOptions } from './display-options.ts';
import { truncateMiddle } from './format-number.ts';

export interface AlignedColumn {
  readonly heading: string;
  readonly align: 'left' | 'right';
  /** The one column shortened in the middle (ids keep both ends) when the table is wider than the display. */
  readonly isShrinkable?: boolean;
}

const GAP = '  ';
const MIN_SHRUNK_WIDTH = 12;

/**
 * A borderless table in the style of the report: bold headings (with colour), a rule of `─`, cells
 * padded to the widest in each column, two spaces between columns, no trailing spaces.
 */
export function renderAlignedTable(
  columns: readonly AlignedColumn[],
  rows: readonly (readonly string[])[],
  display: DisplayOptions,
): string {
  const widths = columns.map((column, index) =>
    Math.max(column.heading.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const total = widths.reduce((sum, width) => sum + width, 0) + GAP.length * (columns.length - 1);
  const shrinkable = columns.findIndex((column) => column.isShrinkable === true);
  if (total > display.width && shrinkable >= 0) {
    widths[shrinkable] = Math.max(MIN_SHRUNK_WIDTH, (widths[shrinkable] ?? 0) - (total - display.width));
  }
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, index) => {
        const width = widths[index] ?? 0;
        const text = truncateMiddle(cells[index] ?? '', width);
        return column.align === 'right' ? text.padStart(width) : text.padEnd(width);
      })
      .join(GAP)
      .trimEnd();
  const heading = line(columns.map((column) => column.heading));
  return [
    display.color ? chalk.bold(heading) : heading,
    widths.map((width) => '─'.repeat(width)).join(GAP),
    ...rows.map(line),
  ].join('\n');
}
