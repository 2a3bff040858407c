import type { ProviderComparison } from '../analysis/compare-providers.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatCompactCount, formatCount, wrapText } from './format-number.ts';
import { renderPlainTable } from './render-plain-table.ts';
import { providerColumns, providerFootnotes } from './providers-columns.ts';

/** A count column wider than this switches to compact numbers (`1.23M`), as in the report table. */
const MAX_EXACT_COUNT_WIDTH = 9;

/** The provider / model comparison as a terminal table with a totals row and its footnotes. */
export function renderProvidersTable(comparison: ProviderComparison, display: DisplayOptions): string {
  if (comparison.providers.length === 0) return 'No usage in this range.\n';
  const exact = providerColumns(comparison, formatCount, 'nested');
  const isTooWide = [...exact.rows, exact.footer].some((cells) =>
    cells.some((cell) => /^[\d,]+/.test(cell) && cell.length > MAX_EXACT_COUNT_WIDTH),
  );
  const columns = isTooWide ? providerColumns(comparison, formatCompactCount, 'nested') : exact;
  const table = renderPlainTable(columns, display);
  const notes = providerFootnotes(comparison).flatMap((note) => wrapText(note, display.width, '    '));
  return `${table}\n${notes.join('\n')}\n`;
}
