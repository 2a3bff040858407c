import type { Report, ReportRow, ReportSummary } from '../analysis/build-report.ts';
import type { Dimension } from '../model/dimension.ts';
import { deltaPercent, type ComparedReport, type ComparedRow } from '../analysis/compare-report.ts';
import { allCacheWriteTokens, allTokens, type UsageTotals } from '../model/usage-totals.ts';
import { COST_MODE_DESCRIPTIONS } from '../model/cost-mode.ts';
import { describeSourceOverlap } from './describe-source-overlap.ts';
import { formatMoney, formatUnitCost } from './format-money.ts';
import { pluralize, requestCountText } from './format-number.ts';

/** Column heading of a dimension as people read it (`tag:team` → `Team`). */
export function dimensionHeading(dimension: Dimension): string {
  const headings: Record<string, string> = {
    provider: 'Provider',
    model: 'Model',
    project: 'Project',
    user: 'User',
    team: 'Team',
    apiKey: 'API key',
    workspace: 'Workspace',
    session: 'Session',
    serviceTier: 'Tier',
    status: 'Status',
  };
  const name = dimension.startsWith('tag:') ? dimension.slice(4) : dimension;
  return headings[name] ?? `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/** How a group value reads in tables and files: `(none)` when unset, `(other)` for the top-N rest. */
export function groupCell(row: ReportRow, index: number): string {
  if (row.isOther) return index === 0 ? '(other)' : '';
  return row.group[index] ?? '(none)';
}

/** Requests as text: `?` when only unknown counts exist, `123+?` when some are unknown. */
function requestsText(totals: UsageTotals, format: (value: number) => string): string {
  if (totals.requestsUnknown === 0) return format(totals.requests);
  if (totals.requests === 0) return '?';
  return `${format(totals.requests)}+?`;
}

/**
 * Cost as people read it: `unpriced` when nothing in the cell has a price (never `$0.00`), and a `*`
 * when part of the usage is left out for lack of a price.
 */
function costText(totals: UsageTotals, currency: string): string {
  if (totals.records > 0 && totals.unpricedRecords === totals.records) return 'unpriced';
  return (
    formatMoney(totals.costPico, currency) +
    (totals.unpricedRecords > 0 ? '*' : '') +
    (totals.overrideCostPico !== 0n ? '†' : '')
  );
}

function moneyOrDash(amountPico: bigint, currency: string): string {
  return amountPico === 0n ? '-' : formatMoney(amountPico, currency);
}

/**
 * The second money column, so both costs show where both exist: `Reported` next to list prices,
 * `List` next to stated costs (reported mode, or auto mode once any source states a cost).
 */
function comparisonColumn(report: Report): NumericColumn | null {
  const { totals } = report;
  if (report.costMode === 'list')
    return totals.reportedCostPico === 0n
      ? null
      : { heading: 'Reported', cell: (row) => moneyOrDash(row.reportedCostPico, report.currency) };
  if (totals.listCostPico === 0n || totals.reportedCostPico === 0n) return null;
  return { heading: 'List', cell: (row) => moneyOrDash(row.listCostPico, report.currency) };
}

/** The cost a row is compared with (`--compare`), when it is. */
export interface Baseline {
  readonly costPico: bigint;
  readonly hasBaseline: boolean;
}

export interface NumericColumn {
  readonly heading: string;
  /** The cell text; counts use `format` (exact, or compact where a column would be too wide). */
  readonly cell: (totals: UsageTotals, format: (value: number) => string, baseline?: Baseline) => string;
}

/** A row's baseline in a compared report, else undefined. */
export function rowBaseline(row: ReportRow): Baseline | undefined {
  if (!('baselineCostPico' in row)) return undefined;
  const compared = row as ComparedRow;
  return { costPico: compared.baselineCostPico, hasBaseline: compared.hasBaseline };
}

/** The totals row's baseline in a compared report, else undefined. */
export function totalsBaseline(report: ReportSummary): Baseline | undefined {
  const { comparison } = report as Partial<ComparedReport>;
  return comparison === undefined ? undefined : { costPico: comparison.totalBaselinePico, hasBaseline: true };
}

/** `▲ 12.5%`, `▼ 3.0%`, `= 0.0%`; `new` without a baseline, `-` when both are zero. */
export function deltaPercentText(current: bigint, baseline: Baseline): string {
  if (!baseline.hasBaseline || baseline.costPico === 0n) return current === 0n ? '-' : 'new';
  const percent = deltaPercent(current, baseline.costPico) ?? 0;
  const arrow = percent > 0 ? '▲' : percent < 0 ? '▼' : '=';
  return `${arrow} ${Math.abs(percent).toFixed(1)}%`;
}

function signedMoney(amountPico: bigint, currency: string): string {
  return amountPico > 0n ? `+${formatMoney(amountPico, currency)}` : formatMoney(amountPico, currency);
}

/** Columns of a `--compare` report: fewer token columns, so the baseline and changes fit. */
function comparedColumns(report: Report, heading: string): NumericColumn[] {
  const none = { costPico: 0n, hasBaseline: false };
  return [
    { heading: 'Requests', cell: (totals, format) => requestsText(totals, format) },
    { heading: 'Tokens', cell: (totals, format) => format(allTokens(totals)) },
    { heading: 'Cost', cell: (totals) => costText(totals, report.currency) },
    {
      heading,
      cell: (_, __, baseline = none) =>
        baseline.hasBaseline ? formatMoney(baseline.costPico, report.currency) : '-',
    },
    {
      heading: 'Change',
      cell: (totals, _, baseline = none) => signedMoney(totals.costPico - baseline.costPico, report.currency),
    },
    {
      heading: 'Change %',
      cell: (totals, _, baseline = none) => deltaPercentText(totals.costPico, baseline),
    },
  ];
}

/** Unit economics of some totals (`--economics`); null where the denominator is 0. */
export interface UnitEconomics {
  readonly costPerRequestPico: bigint | null;
  readonly costPer1kTokensPico: bigint | null;
  /** Cache reads ÷ all prompt tokens (input + cache reads + cache writes). */
  readonly cacheHitRatio: number | null;
  /** Reasoning tokens ÷ output tokens. */
  readonly reasoningShare: number | null;
}

export function unitEconomics(totals: UsageTotals): UnitEconomics {
  const prompt = totals.inputTokens + totals.cacheReadTokens + allCacheWriteTokens(totals);
  // Ratios of the cost over the usage it covers: unpriced usage is in neither.
  const requests = totals.requests - totals.unpricedRequests;
  const tokens = allTokens(totals) - totals.unpricedTokens;
  return {
    costPerRequestPico: requests > 0 ? totals.costPico / BigInt(requests) : null,
    costPer1kTokensPico: tokens > 0 ? (totals.costPico * 1000n) / BigInt(tokens) : null,
    cacheHitRatio: prompt > 0 ? totals.cacheReadTokens / prompt : null,
    reasoningShare: totals.outputTokens > 0 ? totals.reasoningTokens / totals.outputTokens : null,
  };
}

const percentText = (ratio: number | null): string => (ratio === null ? '-' : `${(ratio * 100).toFixed(1)}%`);

/** Columns of an `--economics` report. */
function economicsColumns(report: Report): NumericColumn[] {
  const unit = (amount: bigint | null): string =>
    amount === null ? '-' : formatUnitCost(amount, report.currency);
  return [
    { heading: 'Requests', cell: (totals, format) => requestsText(totals, format) },
    { heading: 'Cost', cell: (totals) => costText(totals, report.currency) },
    { heading: 'Per req', cell: (totals) => unit(unitEconomics(totals).costPerRequestPico) },
    { heading: 'Per 1K tok', cell: (totals) => unit(unitEconomics(totals).costPer1kTokensPico) },
    { heading: 'Cache hit', cell: (totals) => percentText(unitEconomics(totals).cacheHitRatio) },
    { heading: 'Cache saved', cell: (totals) => signedMoney(totals.cacheSavingsPico, report.currency) },
    { heading: 'Reasoning', cell: (totals) => percentText(unitEconomics(totals).reasoningShare) },
  ];
}

/** The numeric columns every human-readable report shows, with how to read each from totals. */
export function numericColumns(report: Report): NumericColumn[] {
  const { comparison } = report as Partial<ComparedReport>;
  if (comparison !== undefined) return comparedColumns(report, comparison.heading);
  if (report.economics) return economicsColumns(report);
  return [
    { heading: 'Requests', cell: (totals, format) => requestsText(totals, format) },
    { heading: 'Input', cell: (totals, format) => format(totals.inputTokens) },
    { heading: 'Cache rd', cell: (totals, format) => format(totals.cacheReadTokens) },
    { heading: 'Cache wr', cell: (totals, format) => format(allCacheWriteTokens(totals)) },
    { heading: 'Output', cell: (totals, format) => format(totals.outputTokens) },
    { heading: 'Cost', cell: (totals) => costText(totals, report.currency) },
    ...[comparisonColumn(report)].filter((column) => column !== null),
  ];
}

/** The notes under a table: what `*` and `?` mean, and each unpriced model with its reason. */
export function reportFootnotes(report: ReportSummary): string[] {
  const notes: string[] = [];
  const { totals } = report;
  if (report.costMode !== 'list' && totals.reportedCostPico !== 0n) {
    notes.push(`Cost: ${COST_MODE_DESCRIPTIONS[report.costMode]} (--cost ${report.costMode}).`);
  }
  if (totals.unpricedRecords > 0) {
    const lacking = report.costMode === 'reported' ? 'a stated cost' : 'a price';
    notes.push(
      `* Left out of Cost for lack of ${lacking}: ${pluralize(totals.unpricedRecords, 'record')}, ${pluralize(totals.unpricedTokens, 'token')}:`,
    );
    for (const item of report.unpriced) {
      notes.push(
        `  ${item.provider}/${item.model}: ${requestCountText(item.requests, item.requestsUnknown)}, ${pluralize(item.tokens, 'token')}: ${item.reason}`,
      );
    }
  }
  if (totals.requestsUnknown > 0) {
    notes.push(
      `? Request count unknown for ${pluralize(totals.requestsUnknown, 'record')}: the source does not count requests.`,
    );
  }
  for (const overlap of report.overlap) notes.push(describeSourceOverlap(overlap));
  if (report.economics) {
    notes.push(
      'Per req, per 1K tok: cost ÷ the priced requests (with a known count) and tokens. Cache hit: cache reads ÷ prompt tokens. Cache saved: list price with cache reads and writes billed as input, minus list price as billed (standard tier, no batch discount). Reasoning: reasoning ÷ output tokens.',
    );
  }
  if (totals.overlayCostPico !== 0n || totals.overrideCostPico !== 0n) {
    const catalogue = totals.listCostPico - totals.overlayCostPico - totals.overrideCostPico;
    notes.push(
      (totals.overrideCostPico !== 0n
        ? '† Includes costs priced by your priceOverrides (negotiated rates). '
        : '') +
        `List cost by price layer: catalogue ${formatMoney(catalogue, report.currency)}, overlay ${formatMoney(totals.overlayCostPico, report.currency)}, override ${formatMoney(totals.overrideCostPico, report.currency)}.`,
    );
  }
  const { exchange, stamp } = report;
  if (exchange !== null) {
    const span =
      exchange.firstRateDate === exchange.lastRateDate
        ? `of ${exchange.firstRateDate ?? '-'}`
        : `from ${exchange.firstRateDate ?? '-'} to ${exchange.lastRateDate ?? '-'}`;
    notes.push(
      `Amounts in ${exchange.currency}, converted from USD per day at the rates ${span} (${pluralize(exchange.ratesUsed, 'rate')}) in ${exchange.source}.`,
    );
  }
  if (stamp.pricingVersions.length > 1) {
    notes.push(
      `Stored costs come from ${stamp.pricingVersions.length} pricings; llmcost reprice recomputes them with the current one.`,
    );
  }
  notes.push(
    `Stamp ${stamp.hash} (pricing ${stamp.pricingVersions.join(', ') || 'none'}; ${pluralize(stamp.sources, 'source')}).`,
  );
  return notes;
}

/**
 * The text columns that start every row: the period (left out for `--by none` when groups name the
 * rows), then one column per group dimension. `groupOffset` is where the group columns start.
 */
export function labelColumns(report: Report): {
  readonly headings: readonly string[];
  readonly groupOffset: number;
  readonly cells: (row: ReportRow) => string[];
  readonly totalCells: readonly string[];
} {
  const showPeriod = report.by !== 'none' || report.groupBy.length === 0;
  const headings = [...(showPeriod ? ['Period'] : []), ...report.groupBy.map(dimensionHeading)];
  return {
    headings,
    groupOffset: showPeriod ? 1 : 0,
    cells: (row) => [
      ...(showPeriod ? [row.period.label] : []),
      ...report.groupBy.map((_, index) => groupCell(row, index)),
    ],
    totalCells: headings.map((_, index) => (index === 0 ? 'Total' : '')),
  };
}
