import type { CostMode } from '../model/cost-mode.ts';
import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import type { Dimension, DimensionFilter } from '../model/dimension.ts';
import {
  accumulateTotals,
  createTotalsAccumulator,
  type TotalsAccumulator,
  type UsageTotals,
} from '../model/usage-totals.ts';
import type { SourceKind } from '../model/source-kind.ts';
import type { Store } from './open-store.ts';
import { preferenceConditionSql, selectSourceOverlaps } from './select-source-overlaps.ts';
import { PROMPT_AND_OUTPUT_TOKENS_SQL, TOKEN_COLUMNS } from './token-columns.ts';

/** Usage summed over one time slice and one combination of group values. */
export interface UsageAggregate {
  /** Start of the slice (UTC, a multiple of `sliceMs`). */
  readonly sliceStartMs: number;
  /** Group values in the order of `groupBy`; null where the dimension is not set. */
  readonly groupValues: readonly (string | null)[];
  readonly totals: UsageTotals;
}

/** Which usage to read: a time range and `--where` filters. */
export interface UsageFilter {
  /** Inclusive lower bound, or null for no bound. */
  readonly fromMs: number | null;
  /** Exclusive upper bound, or null. */
  readonly toMs: number | null;
  readonly where: readonly DimensionFilter[];
  /**
   * The source kind read where both kinds cover one provider and UTC day (a billing export and request
   * logs describe the same traffic there: adding them would count it twice). `--prefer`.
   */
  readonly preferKind: SourceKind;
}

export interface AggregateQuery extends UsageFilter {
  readonly costMode: CostMode;
  /** Slice length: 3,600,000 (an hour) or a divisor such as 900,000 for :30/:45 zones; null: one slice. */
  readonly sliceMs: number | null;
  readonly groupBy: readonly Dimension[];
}

const HOUR_MS = 3_600_000;

/** The dimensions the hourly rollup keeps (see migrations.ts); others are summed from usage rows. */
const ROLLUP_DIMENSIONS: ReadonlySet<Dimension> = new Set<Dimension>(['provider', 'model']);

const COLUMN_OF: Record<Exclude<Dimension, `tag:${string}`>, string> = {
  provider: 'provider',
  model: 'model',
  project: 'project',
  user: 'user',
  team: 'team',
  apiKey: 'api_key',
  workspace: 'workspace',
  session: 'session',
  serviceTier: 'service_tier',
  status: 'status',
};

/** SQL for a dimension's value; tags take their key as a bound parameter. */
function columnExpression(dimension: Dimension, isRollup: boolean): string {
  if (dimension.startsWith('tag:')) return `json_extract(tags, '$."' || ? || '"')`;
  const column = COLUMN_OF[dimension as Exclude<Dimension, `tag:${string}`>];
  return isRollup ? `NULLIF(${column}, '')` : column;
}

/**
 * WHERE conditions and their parameters for a filter on usage rows or rollup rows. `hasOverlap`: some
 * provider and day of the range has both source kinds, so the preference applies.
 */
function conditionsFor(
  filter: UsageFilter,
  source: SumSource,
  hasOverlap: boolean,
): { sql: string; params: string[] } {
  const isRollup = source !== USAGE_ROWS;
  const { timeColumn } = source;
  const conditions: string[] = [];
  if (hasOverlap) conditions.push(preferenceConditionSql(source.table, timeColumn, filter.preferKind));
  const params: string[] = [];
  if (filter.fromMs !== null) conditions.push(`${timeColumn} >= ${Math.trunc(filter.fromMs)}`);
  if (filter.toMs !== null) conditions.push(`${timeColumn} < ${Math.trunc(filter.toMs)}`);
  for (const { dimension, value } of filter.where) {
    if (dimension.startsWith('tag:')) params.push(dimension.slice(4));
    conditions.push(`${columnExpression(dimension, isRollup)} IS ?`);
    params.push(value);
  }
  return { sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** Where sums come from: a rollup table of `bucketMs` buckets, or the usage rows. */
interface SumSource {
  readonly table: 'usage_daily' | 'usage_hourly' | 'usage';
  readonly timeColumn: string;
  readonly bucketMs: number;
}

const DAY_MS = 86_400_000;
const ROLLUPS: readonly SumSource[] = [
  { table: 'usage_daily', timeColumn: 'day_start_ms', bucketMs: DAY_MS },
  { table: 'usage_hourly', timeColumn: 'hour_start_ms', bucketMs: HOUR_MS },
];
const USAGE_ROWS: SumSource = { table: 'usage', timeColumn: 'occurred_at_ms', bucketMs: 1 };

/**
 * Usage summed per time slice and group, one aggregate per slice and group. When every dimension
 * involved is rolled up, the whole days of the range come from the daily rollup (if slices are whole
 * days), the whole hours left at its edges from the hourly rollup, and the partial hours (an `--as-of`
 * of now) from the usage rows; otherwise everything is summed from the usage rows. All paths give
 * the same numbers (a test checks it).
 */
export function selectUsageAggregates(store: Store, query: AggregateQuery): UsageAggregate[] {
  const dimensions = [...query.groupBy, ...query.where.map((filter) => filter.dimension)];
  const canUseRollups = dimensions.every((dimension) => ROLLUP_DIMENSIONS.has(dimension));
  const sources = canUseRollups
    ? ROLLUPS.filter((source) => query.sliceMs === null || query.sliceMs % source.bucketMs === 0)
    : [];
  return mergeSlices(selectTiered(store, query, sources, hasSourceOverlap(store, query)));
}

/**
 * WHERE clause (with its parameters) keeping the usage rows of a filter: its range, `--where` and the
 * source-kind preference, exactly as reports read them. For queries on `usage` outside this file.
 */
export function usageFilterSql(store: Store, filter: UsageFilter): { sql: string; params: string[] } {
  return conditionsFor(filter, USAGE_ROWS, hasSourceOverlap(store, filter));
}

function hasSourceOverlap(store: Store, filter: UsageFilter): boolean {
  return selectSourceOverlaps(store, { fromMs: filter.fromMs, toMs: filter.toMs }).length > 0;
}

/** The whole buckets of the range from the first source, the edges from the next ones. */
function selectTiered(
  store: Store,
  query: AggregateQuery,
  sources: readonly SumSource[],
  hasOverlap: boolean,
): UsageAggregate[] {
  const [source, ...finer] = sources;
  if (source === undefined) return selectFrom(store, query, USAGE_ROWS, hasOverlap);
  const wholeFrom =
    query.fromMs === null ? null : Math.ceil(query.fromMs / source.bucketMs) * source.bucketMs;
  const wholeTo = query.toMs === null ? null : Math.floor(query.toMs / source.bucketMs) * source.bucketMs;
  if (wholeFrom !== null && wholeTo !== null && wholeFrom >= wholeTo)
    return selectTiered(store, query, finer, hasOverlap);
  const parts = [selectFrom(store, { ...query, fromMs: wholeFrom, toMs: wholeTo }, source, hasOverlap)];
  if (query.fromMs !== null && wholeFrom !== null && wholeFrom > query.fromMs) {
    parts.push(selectTiered(store, { ...query, toMs: wholeFrom }, finer, hasOverlap));
  }
  if (query.toMs !== null && wholeTo !== null && wholeTo < query.toMs) {
    parts.push(selectTiered(store, { ...query, fromMs: wholeTo }, finer, hasOverlap));
  }
  return parts.flat();
}

function selectFrom(
  store: Store,
  query: AggregateQuery,
  source: SumSource,
  hasOverlap: boolean,
): UsageAggregate[] {
  const isRollup = source !== USAGE_ROWS;
  const { timeColumn } = source;
  const slice = query.sliceMs === null ? '0' : `(${timeColumn} - (${timeColumn} % ${query.sliceMs}))`;
  const groupParams = query.groupBy
    .filter((dimension) => dimension.startsWith('tag:'))
    .map((tag) => tag.slice(4));
  const groupSelects = query.groupBy
    .map((dimension) => `, ${columnExpression(dimension, isRollup)}`)
    .join('');
  const where = conditionsFor(query, source, hasOverlap);
  const groupCount = query.groupBy.length;
  // Rollup rows are few and already summed: reading them as they are and merging in JS is several
  // times faster than a GROUP BY with seventeen sums. Usage rows are many: SQL sums them.
  const groupBy = ['1', ...query.groupBy.map((_, index) => String(index + 2))].join(', ');
  const sums = isRollup ? rollupColumns(query.costMode) : rawSums(query.costMode);
  const sql = `SELECT ${slice}${groupSelects}, ${sums}
    FROM ${source.table} ${where.sql} ${isRollup ? '' : `GROUP BY ${groupBy}`}`;
  const rows = store
    .prepare(sql)
    .raw(true)
    .all(...groupParams, ...where.params) as (number | string | null)[][];
  return rows.map((row) => {
    const value = (index: number): number => row[groupCount + 1 + index] as number;
    const money = (index: number): bigint => BigInt(row[groupCount + 1 + index] ?? 0);
    return {
      sliceStartMs: row[0] as number,
      groupValues: row.slice(1, groupCount + 1).map((group) => (group === null ? null : String(group))),
      totals: {
        records: value(0),
        requests: value(1),
        requestsUnknown: value(2),
        errorRequests: value(3),
        inputTokens: value(4),
        cacheReadTokens: value(5),
        cacheWrite5mTokens: value(6),
        cacheWrite1hTokens: value(7),
        cacheWriteUnknownTtlTokens: value(8),
        outputTokens: value(9),
        reasoningTokens: value(10),
        webSearchRequests: value(11),
        unpricedRecords: value(12),
        unpricedRequests: value(13),
        unpricedTokens: value(14),
        costPico: money(15),
        listCostPico: money(16),
        reportedCostPico: money(17),
        overlayCostPico: money(18),
        overrideCostPico: money(19),
        cacheSavingsPico: 0n,
      },
    };
  });
}

/** One aggregate per slice and group (parts may repeat a slice: rollup hours and edge hours). */
function mergeSlices(aggregates: readonly UsageAggregate[]): UsageAggregate[] {
  const merged = new Map<
    string,
    {
      sliceStartMs: number;
      groupValues: readonly (string | null)[];
      totals: TotalsAccumulator;
    }
  >();
  for (const aggregate of aggregates) {
    const key = `${aggregate.sliceStartMs}\u0000${aggregate.groupValues.map((value) => value ?? '\u0001').join('\u0000')}`;
    let entry = merged.get(key);
    if (entry === undefined) {
      entry = {
        sliceStartMs: aggregate.sliceStartMs,
        groupValues: aggregate.groupValues,
        totals: createTotalsAccumulator(),
      };
      merged.set(key, entry);
    }
    accumulateTotals(entry.totals, aggregate.totals);
  }
  return [...merged.values()];
}

// The column order both selects share (read by position above). Money comes back as text so sums stay
// exact past 2^53 pico-dollars. Reported costs count in USD only until currency conversion exists.
// Rollup rows are keyed by reported currency ('' = none), so every cost mode is exact on them too.

/** The cost of a usage row in a cost mode, and whether the row has none (usage rows: currency NULL). */
function rowCost(mode: CostMode): { readonly cost: string; readonly isUnpriced: string } {
  const isReported = "reported_currency = 'USD'";
  switch (mode) {
    case 'list':
      return { cost: 'COALESCE(cost_pico, 0)', isUnpriced: 'cost_pico IS NULL' };
    case 'reported':
      return {
        cost: `CASE WHEN ${isReported} THEN reported_cost_pico ELSE 0 END`,
        isUnpriced: "reported_currency IS NOT 'USD'",
      };
    case 'auto':
      return {
        cost: `CASE WHEN ${isReported} THEN reported_cost_pico ELSE COALESCE(cost_pico, 0) END`,
        isUnpriced: "cost_pico IS NULL AND reported_currency IS NOT 'USD'",
      };
    default:
      return mode satisfies never;
  }
}

function rollupColumns(mode: CostMode): string {
  const isReported = "reported_currency = 'USD'";
  const unpriced = (ifList: string, ifNotReported: string): string =>
    mode === 'list'
      ? ifList
      : `CASE WHEN ${isReported} THEN 0 ELSE ${mode === 'reported' ? ifNotReported : ifList} END`;
  return [
    'records',
    'requests',
    'requests_unknown',
    'error_requests',
    ...TOKEN_COLUMNS,
    unpriced('unpriced_records', 'records'),
    unpriced('unpriced_requests', 'requests'),
    unpriced('unpriced_tokens', PROMPT_AND_OUTPUT_TOKENS_SQL),
    `CAST(${rowCost(mode).cost} AS TEXT)`,
    'CAST(cost_pico AS TEXT)',
    `CAST(CASE WHEN ${isReported} THEN reported_cost_pico ELSE 0 END AS TEXT)`,
    'CAST(overlay_cost_pico AS TEXT)',
    'CAST(override_cost_pico AS TEXT)',
  ].join(', ');
}

function rawSums(mode: CostMode): string {
  const { cost, isUnpriced } = rowCost(mode);
  return [
    'COUNT(*)',
    'SUM(COALESCE(requests, 0))',
    'SUM(requests IS NULL)',
    "SUM(CASE WHEN status = 'error' THEN MAX(COALESCE(requests, 0), 1) ELSE 0 END)",
    ...TOKEN_COLUMNS.map((column) => `SUM(${column})`),
    `SUM(${isUnpriced})`,
    `SUM(CASE WHEN ${isUnpriced} THEN COALESCE(requests, 0) ELSE 0 END)`,
    `SUM(CASE WHEN ${isUnpriced} THEN ${PROMPT_AND_OUTPUT_TOKENS_SQL} ELSE 0 END)`,
    `CAST(SUM(${cost}) AS TEXT)`,
    'CAST(SUM(COALESCE(cost_pico, 0)) AS TEXT)',
    "CAST(SUM(CASE WHEN reported_currency = 'USD' THEN reported_cost_pico ELSE 0 END) AS TEXT)",
    "CAST(SUM(CASE WHEN price_layer = 'overlay' THEN cost_pico ELSE 0 END) AS TEXT)",
    "CAST(SUM(CASE WHEN price_layer = 'override' THEN cost_pico ELSE 0 END) AS TEXT)",
  ].join(', ');
}

/**
 * The usage without a cost in a cost mode in a filter's range, per model and reason. In `list` and
 * `auto` mode the partial index on unpriced rows keeps this cheap; `reported` mode scans the range.
 */
export function selectUnpricedUsage(store: Store, filter: UsageFilter, mode: CostMode): UnpricedUsage[] {
  const where = conditionsFor(filter, USAGE_ROWS, hasSourceOverlap(store, filter));
  const { isUnpriced } = rowCost(mode);
  const condition = where.sql === '' ? `WHERE ${isUnpriced}` : `${where.sql} AND ${isUnpriced}`;
  const reason =
    mode === 'reported'
      ? `CASE WHEN reported_currency IS NULL THEN 'the source states no cost'
           ELSE 'cost stated in ' || reported_currency || ', not USD' END`
      : "COALESCE(unpriced_reason, 'no price')";
  return store
    .prepare(
      `SELECT provider, model, COUNT(*) AS records, SUM(COALESCE(requests, 0)) AS requests,
         SUM(requests IS NULL) AS requestsUnknown,
         SUM(${PROMPT_AND_OUTPUT_TOKENS_SQL}) AS tokens, ${reason} AS reason
       FROM usage ${condition}
       GROUP BY provider, model, reason ORDER BY provider, model, reason`,
    )
    .all(...where.params) as UnpricedUsage[];
}
