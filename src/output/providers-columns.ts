import type { ProviderComparison, ProviderComparisonRow } from '../analysis/compare-providers.ts';
import { COST_MODE_DESCRIPTIONS } from '../model/cost-mode.ts';
import { allTokens, type UsageTotals } from '../model/usage-totals.ts';
import { formatMoney, formatUnitCost } from './format-money.ts';
import { formatCount, formatPercent, pluralize, requestCountText } from './format-number.ts';
import type { DurationSummary } from '../model/timing-summary.ts';

/** The cells of the provider comparison, shared by the terminal table and Markdown. */
export interface ProviderColumns {
  readonly head: readonly string[];
  readonly align: readonly ('left' | 'right')[];
  /** The name columns, shortened in the middle when the table is too wide. */
  readonly shrinkable: readonly number[];
  readonly rows: readonly (readonly string[])[];
  readonly footer: readonly string[];
}

const dashOr = <T>(value: T | null, format: (value: T) => string): string =>
  value === null ? '-' : format(value);

function requestsText(totals: UsageTotals, format: (value: number) => string): string {
  if (totals.requestsUnknown === 0) return format(totals.requests);
  return totals.requests === 0 ? '?' : `${format(totals.requests)}+?`;
}

function costText(totals: UsageTotals, currency: string): string {
  if (totals.records > 0 && totals.unpricedRecords === totals.records) return 'unpriced';
  return formatMoney(totals.costPico, currency) + (totals.unpricedRecords > 0 ? '*' : '');
}

/**
 * How model rows appear: `nested` under their provider's subtotal row, indented, in one name column
 * (the terminal table, where width is short); `flat` with provider and model columns, one row per model
 * (Markdown).
 */
export type ProviderLayout = 'nested' | 'flat';

const MODEL_INDENT = '  ';

/** The comparison's cells: counts, cost, unit costs, error share and score per row, and a totals row. */
export function providerColumns(
  comparison: ProviderComparison,
  formatCount: (value: number) => string,
  layout: ProviderLayout,
): ProviderColumns {
  const { currency } = comparison;
  const hasModels = comparison.level === 'model';
  const labels = !hasModels ? ['Provider'] : layout === 'flat' ? ['Provider', 'Model'] : ['Provider / model'];
  const head = [...labels, 'Requests', 'Tokens', 'Cost', 'Per req', 'Per 1K out', 'Errors', 'Score'];
  const numbers = (totals: UsageTotals): string[] => [
    requestsText(totals, formatCount),
    formatCount(allTokens(totals)),
    costText(totals, currency),
  ];
  const figures = (row: ProviderComparisonRow): string[] => [
    ...numbers(row.totals),
    dashOr(row.costPerRequestPico, (value) => formatUnitCost(value, currency)),
    dashOr(row.costPer1kOutputPico, (value) => formatUnitCost(value, currency)),
    dashOr(row.errorShare, formatPercent),
    dashOr(row.efficiencyScore, String),
  ];
  const rows = !hasModels
    ? comparison.providers.map((row) => [row.provider, ...figures(row)])
    : layout === 'flat'
      ? comparison.models.map((row) => [row.provider, row.model ?? '(none)', ...figures(row)])
      : comparison.providers.flatMap((provider) => [
          [provider.provider, ...figures(provider)],
          ...comparison.models
            .filter((row) => row.provider === provider.provider)
            .map((row) => [`${MODEL_INDENT}${row.model ?? '(none)'}`, ...figures(row)]),
        ]);
  const requests = comparison.totals.requests + comparison.totals.requestsUnknown;
  return {
    head,
    align: head.map((_, index) => (index < labels.length ? 'left' : 'right')),
    shrinkable: labels.map((_, index) => index),
    rows,
    footer: [
      ...labels.map((_, index) => (index === 0 ? 'Total' : '')),
      ...numbers(comparison.totals),
      '',
      '',
      requests === 0 ? '-' : formatPercent(comparison.totals.errorRequests / requests),
      '',
    ],
  };
}

/**
 * Observed timing of the rows of the comparison's level, one line per row that has some (median / p95,
 * whole ms, with the requests measured), or n/a when no request of the range states its timing.
 */
function latencyNotes(comparison: ProviderComparison): string[] {
  const rows = comparison.level === 'model' ? comparison.models : comparison.providers;
  const timed = rows.filter((row) => row.timing !== null);
  if (timed.length === 0) {
    return ['Latency: n/a (no request in the range states its timing).'];
  }
  const figure = (summary: DurationSummary | null): string =>
    summary === null ? 'n/a' : `${formatCount(summary.medianMs)} / ${formatCount(summary.p95Ms)}`;
  const counted = (summary: DurationSummary | null): string =>
    summary === null ? '' : ` (${pluralize(summary.requests, 'request')})`;
  const lines = timed.map((row) => {
    const name = row.model === null ? row.provider : `${row.provider}/${row.model}`;
    const latency = row.timing?.latency ?? null;
    const ttft = row.timing?.timeToFirstToken ?? null;
    // One request count when both figures come from the same requests, else one for each.
    const isSameRequests = latency !== null && ttft !== null && latency.requests === ttft.requests;
    return isSameRequests
      ? `  ${name}: total ${figure(latency)}, first token ${figure(ttft)}${counted(ttft)}`
      : `  ${name}: total ${figure(latency)}${counted(latency)}, first token ${figure(ttft)}${counted(ttft)}`;
  });
  const rest = rows.length - timed.length;
  return [
    `Latency in ms, median / p95 of your successful timed requests (${comparison.level} rows${rest > 0 ? `; n/a for the other ${pluralize(rest, 'row')}` : ''}):`,
    ...lines,
  ];
}

/** What the columns mean, the score's anchor, latency, unpriced usage, currency and the stamp. */
export function providerFootnotes(comparison: ProviderComparison): string[] {
  const { totals, currency, exchange, stamp } = comparison;
  const notes: string[] = [];
  if (comparison.costMode !== 'list' && totals.reportedCostPico !== 0n) {
    notes.push(`Cost: ${COST_MODE_DESCRIPTIONS[comparison.costMode]} (--cost ${comparison.costMode}).`);
  }
  notes.push(
    'Per req, Per 1K out: cost per request and per 1,000 output tokens; - where part of the row has no cost or no request count, or it has no output tokens.',
    'Errors: failed requests / requests (a record without a request count counts as one).',
  );
  if (comparison.medianCostPer1kOutputPico !== null) {
    notes.push(
      `Score: 0-100 on cost per 1K output tokens against the median of the ${comparison.level} rows (${formatUnitCost(comparison.medianCostPer1kOutputPico, currency)}) = 50, 10x cheaper = 100, 10x dearer = 0 (log scale), times (1 - error share).`,
    );
  }
  notes.push(...latencyNotes(comparison));
  if (totals.unpricedRecords > 0) {
    const lacking = comparison.costMode === 'reported' ? 'a stated cost' : 'a price';
    notes.push(`* Left out of Cost for lack of ${lacking}: ${pluralize(totals.unpricedRecords, 'record')}:`);
    for (const item of comparison.unpriced) {
      notes.push(
        `  ${item.provider}/${item.model}: ${requestCountText(item.requests, item.requestsUnknown)}: ${item.reason}`,
      );
    }
  }
  if (totals.requestsUnknown > 0) {
    notes.push(
      `? Request count unknown for ${pluralize(totals.requestsUnknown, 'record')}: the source does not count requests.`,
    );
  }
  if (exchange !== null) {
    notes.push(
      `Amounts in ${exchange.currency}, converted from USD per day at ${pluralize(exchange.ratesUsed, 'rate')} in ${exchange.source}.`,
    );
  }
  notes.push(
    `Stamp ${stamp.hash} (pricing ${stamp.pricingVersions.join(', ') || 'none'}; ${pluralize(stamp.sources, 'source')}).`,
  );
  return notes;
}
