import type { ReconcileGroup, ReconcileLine, Reconciliation } from '../analysis/reconcile-sources.ts';
import { utcDay } from './describe-source-overlap.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatMoney } from './format-money.ts';
import { formatCount, pluralize, wrapText } from './format-number.ts';
import { renderMarkdownTable, escapeMarkdownText } from './render-markdown-table.ts';
import { renderPlainTable, type PlainTable } from './render-plain-table.ts';

const NOTHING_TO_RECONCILE =
  'Nothing to reconcile: no provider and UTC day has both a billing export and request logs.';

/** The reconciliation as the house terminal table, with its notes under it. */
export function renderReconcileTable(reconciliation: Reconciliation, display: DisplayOptions): string {
  if (reconciliation.totals === null) return `${NOTHING_TO_RECONCILE}\n`;
  const notes = reconcileNotes(reconciliation).flatMap((note) => wrapText(note, display.width, '    '));
  return `${renderPlainTable(reconcileCells(reconciliation), display)}\n${notes.join('\n')}\n`;
}

/** The same cells and notes as GitHub-flavoured Markdown. */
export function renderReconcileMarkdown(reconciliation: Reconciliation): string {
  if (reconciliation.totals === null) return `${NOTHING_TO_RECONCILE}\n`;
  const notes = reconcileNotes(reconciliation).map(escapeMarkdownText);
  return `${renderMarkdownTable(reconcileCells(reconciliation))}\n${notes.join('\n\n')}\n`;
}

function reconcileCells(reconciliation: Reconciliation): PlainTable {
  const rowsOf = (label: string, provider: string, group: ReconcileGroup): string[][] =>
    group.lines.map((line, index) => [
      index === 0 ? label : '',
      index === 0 ? provider : '',
      line.measure,
      formatValue(line, line.billing),
      formatValue(line, line.logs),
      formatDifference(line),
      formatDifferencePercent(line.differencePercent),
    ]);
  const rows = reconciliation.groups.flatMap((group) =>
    rowsOf(group.dayStartMs === null ? (group.model ?? '') : utcDay(group.dayStartMs), group.provider, group),
  );
  const { totals } = reconciliation;
  if (totals !== null && reconciliation.groups.length > 1) rows.push(...rowsOf('Total', '', totals));
  return {
    head: [
      reconciliation.by === 'day' ? 'Day (UTC)' : 'Model',
      'Provider',
      'Measure',
      'Export',
      'Logs',
      'Difference',
      'Diff %',
    ],
    rows,
    align: ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
    shrinkable: [0],
  };
}

function reconcileNotes(reconciliation: Reconciliation): string[] {
  const notes = [
    'Export: the billing export; Logs: the request logs; Difference: logs minus export, in tokens or USD; ' +
      'Diff %: of the export. ' +
      'Largest money difference first. List cost: each side’s tokens at our list price' +
      (reconciliation.groups.some((group) => group.lines.some((line) => line.measure === 'billed vs list'))
        ? '; billed vs list: the cost the export states against the logs at list price.'
        : '.'),
  ];
  const unpriced = reconciliation.totals?.unpricedRecords;
  if (unpriced !== undefined && unpriced.billing + unpriced.logs > 0) {
    notes.push(
      `* List cost leaves out records without a price: ${pluralize(unpriced.billing, 'record')} of the ` +
        `export, ${pluralize(unpriced.logs, 'record')} of the logs (llmcost pricing check).`,
    );
  }
  return notes;
}

function formatValue(line: ReconcileLine, value: bigint): string {
  return line.unit === 'picoUSD' ? formatMoney(value, 'USD') : formatCount(Number(value));
}

function formatDifference(line: ReconcileLine): string {
  const sign = line.difference > 0n ? '+' : '';
  return `${sign}${formatValue(line, line.difference)}`;
}

function formatDifferencePercent(percent: number | null): string {
  if (percent === null) return '—';
  const rounded = Math.round(percent * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${rounded.toFixed(1)}%`;
}
