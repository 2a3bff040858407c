import Papa from 'papaparse';
import type { Reconciliation } from '../analysis/reconcile-sources.ts';
import { utcDay } from './describe-source-overlap.ts';
import { formatAmountExact } from './format-money.ts';

/**
 * One CSV row per group and measure (no totals row). `unit` says what the figures count: `tokens`, or
 * `usd` (exact decimal dollars); `difference` is logs − billing; `difference_percent` is a percentage
 * of the billing figure, empty when that is 0.
 */
export function renderReconcileCsv(reconciliation: Reconciliation): string {
  const fields = [
    reconciliation.by === 'day' ? 'day_utc' : 'model',
    'provider',
    'measure',
    'unit',
    'billing',
    'logs',
    'difference',
    'difference_percent',
  ];
  const data = reconciliation.groups.flatMap((group) =>
    group.lines.map((line) => {
      const figure = (value: bigint): string =>
        line.unit === 'tokens' ? value.toString() : formatAmountExact(value);
      return [
        group.dayStartMs === null ? (group.model ?? '') : utcDay(group.dayStartMs),
        group.provider,
        line.measure,
        line.unit === 'tokens' ? 'tokens' : 'usd',
        figure(line.billing),
        figure(line.logs),
        figure(line.difference),
        line.differencePercent === null ? '' : String(line.differencePercent),
      ];
    }),
  );
  return `${Papa.unparse({ fields, data })}\n`;
}
