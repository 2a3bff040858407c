import type { ReconcileGroup, Reconciliation } from '../analysis/reconcile-sources.ts';
import { utcDay } from './describe-source-overlap.ts';
import { formatAmountExact } from './format-money.ts';

/** The stated range of a reconciliation: UTC days, YYYY-MM-DD, inclusive; null for open. */
export interface ReconcileRange {
  readonly since: string | null;
  readonly until: string | null;
}

/**
 * `llmcost reconcile --format json`, a public contract (bump `schemaVersion` on purpose). Token
 * figures are integers; money figures are integer pico-USD as strings plus exact decimal USD
 * (`…Usd`); `differencePercent` is a float, percent of the billing figure, null when that is 0.
 */
export function renderReconcileJson(reconciliation: Reconciliation, range: ReconcileRange): string {
  const json = {
    schemaVersion: 1,
    moneyUnit: 'picoUSD',
    by: reconciliation.by,
    range,
    groups: reconciliation.groups.map(groupJson),
    totals: reconciliation.totals === null ? null : groupJson(reconciliation.totals),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function groupJson(group: ReconcileGroup) {
  return {
    provider: group.provider === '' ? null : group.provider,
    day: group.dayStartMs === null ? null : utcDay(group.dayStartMs),
    model: group.model,
    unpricedRecords: group.unpricedRecords,
    lines: group.lines.map((line) =>
      line.unit === 'tokens'
        ? {
            measure: line.measure,
            unit: line.unit,
            billing: Number(line.billing),
            logs: Number(line.logs),
            difference: Number(line.difference),
            differencePercent: line.differencePercent,
          }
        : {
            measure: line.measure,
            unit: line.unit,
            billing: line.billing.toString(),
            logs: line.logs.toString(),
            difference: line.difference.toString(),
            billingUsd: formatAmountExact(line.billing),
            logsUsd: formatAmountExact(line.logs),
            differenceUsd: formatAmountExact(line.difference),
            differencePercent: line.differencePercent,
          },
    ),
  };
}
