import type { Dimension, DimensionFilter } from '../model/dimension.ts';
import type { UsageTotals } from '../model/usage-totals.ts';
import type { Store } from './open-store.ts';

/** Usage summed over one time slice and one combination of group values. */
export interface UsageAggregate {
  /** Start of the slice (UTC, a multiple of `sliceMs`). */
  readonly sliceStartMs: number;
  /** Group values in the order of `groupBy`; null where the dimension is not set. */
  readonly groupValues: readonly (string | null)[];
  readonly totals: UsageTotals;
}

export interface AggregateQuery {
  /** Inclusive lower bound, or null for no bound. */
  readonly fromMs: number | null;
  /** Exclusive upper bound, or null. */
  readonly toMs: number | null;
  /** Slice length: 3,600,000 (an hour) or a divisor of it such as 900,000 for :30/:45 zones; null: one slice. */
  readonly sliceMs: number | null;
  readonly groupBy: readonly Dimension[];
  readonly where: readonly DimensionFilter[];
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

function columnExpression(dimension: Dimension, isRollup: boolean): string {
  if (dimension.startsWith('tag:')) return `json_extract(tags, '$."' || ? || '"')`;
  const column = COLUMN_OF[dimension as Exclude<Dimension, `tag:${string}`>];
  return isRollup ? `NULLIF(${column}, '')` : column;
}

/**
 * Usage summed per time slice and group. Reads the hourly rollup when every dimension involved is
 * rolled up and the bounds and slices are whole hours; otherwise sums the usage rows themselves.
 * Both paths return the same numbers (a test checks it).
 */
export function selectUsageAggregates(store: Store, query: AggregateQuery): UsageAggregate[] {
  const dimensions = [...query.groupBy, ...query.where.map((filter) => filter.dimension)];
  const isRollup =
    (query.sliceMs === null || query.sliceMs % HOUR_MS === 0) &&
    dimensions.every((dimension) => ROLLUP_DIMENSIONS.has(dimension)) &&
    (query.fromMs === null || query.fromMs % HOUR_MS === 0) &&
    (query.toMs === null || query.toMs % HOUR_MS === 0);
  const params: (string | number)[] = [];
  const timeColumn = isRollup ? 'hour_start_ms' : 'occurred_at_ms';
  const slice = query.sliceMs === null ? '0' : `(${timeColumn} - (${timeColumn} % ${query.sliceMs}))`;

  const groupSelects = query.groupBy.map((dimension, index) => {
    if (dimension.startsWith('tag:')) params.push(dimension.slice(4));
    return `${columnExpression(dimension, isRollup)} AS g${index}`;
  });
  const conditions: string[] = [];
  if (query.fromMs !== null) conditions.push(`${timeColumn} >= ${Math.trunc(query.fromMs)}`);
  if (query.toMs !== null) conditions.push(`${timeColumn} < ${Math.trunc(query.toMs)}`);
  const whereParams: (string | number)[] = [];
  for (const filter of query.where) {
    if (filter.dimension.startsWith('tag:')) whereParams.push(filter.dimension.slice(4));
    conditions.push(`${columnExpression(filter.dimension, isRollup)} IS ?`);
    whereParams.push(filter.value);
  }
  const sums = isRollup ? ROLLUP_SUMS : RAW_SUMS;
  const groupColumns = ['slice', ...query.groupBy.map((_, index) => `g${index}`)];
  const sql = `
    SELECT ${slice} AS slice${groupSelects.map((select) => `, ${select}`).join('')}, ${sums}
    FROM ${isRollup ? 'usage_hourly' : 'usage'}
    ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
    GROUP BY ${groupColumns.join(', ')}
    ORDER BY ${groupColumns.join(', ')}`;
  const rows = store
    .prepare(sql)
    .safeIntegers(true)
    .all(...params, ...whereParams) as Record<string, bigint | string | null>[];
  return rows.map((row) => ({
    sliceStartMs: Number(row.slice),
    groupValues: query.groupBy.map((_, index) => {
      const value = row[`g${index}`];
      return value === null || value === undefined ? null : String(value);
    }),
    totals: {
      records: Number(row.records),
      requests: Number(row.requests),
      requestsUnknown: Number(row.requests_unknown),
      errorRequests: Number(row.error_requests),
      inputTokens: Number(row.input_tokens),
      cacheReadTokens: Number(row.cache_read_tokens),
      cacheWrite5mTokens: Number(row.cache_write_5m_tokens),
      cacheWrite1hTokens: Number(row.cache_write_1h_tokens),
      cacheWriteUnknownTtlTokens: Number(row.cache_write_tokens),
      outputTokens: Number(row.output_tokens),
      reasoningTokens: Number(row.reasoning_tokens),
      webSearchRequests: Number(row.web_search_requests),
      costPico: BigInt(row.cost_pico ?? 0n),
      reportedCostPico: BigInt(row.reported_cost_pico ?? 0n),
      unpricedRecords: Number(row.unpriced_records),
      unpricedRequests: Number(row.unpriced_requests),
      unpricedTokens: Number(row.unpriced_tokens),
    },
  }));
}

const TOKEN_COLUMNS = [
  'input_tokens',
  'cache_read_tokens',
  'cache_write_5m_tokens',
  'cache_write_1h_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'web_search_requests',
];

// Reported costs are summed in USD only until currency conversion exists; other currencies are left out.
const ROLLUP_SUMS = [
  ...[
    'records',
    'requests',
    'requests_unknown',
    'error_requests',
    ...TOKEN_COLUMNS,
    'cost_pico',
    'unpriced_records',
    'unpriced_requests',
    'unpriced_tokens',
  ].map((column) => `SUM(${column}) AS ${column}`),
  "SUM(CASE WHEN reported_currency = 'USD' THEN reported_cost_pico ELSE 0 END) AS reported_cost_pico",
].join(', ');

const RAW_SUMS = [
  'COUNT(*) AS records',
  'SUM(COALESCE(requests, 0)) AS requests',
  'SUM(requests IS NULL) AS requests_unknown',
  "SUM(CASE WHEN status = 'error' THEN MAX(COALESCE(requests, 0), 1) ELSE 0 END) AS error_requests",
  ...TOKEN_COLUMNS.map((column) => `SUM(${column}) AS ${column}`),
  'SUM(COALESCE(cost_pico, 0)) AS cost_pico',
  "SUM(CASE WHEN reported_currency = 'USD' THEN reported_cost_pico ELSE 0 END) AS reported_cost_pico",
  'SUM(cost_pico IS NULL) AS unpriced_records',
  'SUM(CASE WHEN cost_pico IS NULL THEN COALESCE(requests, 0) ELSE 0 END) AS unpriced_requests',
  `SUM(CASE WHEN cost_pico IS NULL THEN input_tokens + cache_read_tokens + cache_write_5m_tokens
     + cache_write_1h_tokens + cache_write_tokens + output_tokens ELSE 0 END) AS unpriced_tokens`,
].join(', ');

/** Why each unpriced model has no price, for the report's unpriced section. */
export interface UnpricedModel {
  readonly provider: string;
  readonly model: string;
  readonly reason: string;
}

export function selectUnpricedReasons(store: Store): UnpricedModel[] {
  return store
    .prepare(
      `SELECT provider, model, MIN(unpriced_reason) AS reason FROM usage
       WHERE cost_pico IS NULL GROUP BY provider, model ORDER BY provider, model`,
    )
    .all() as UnpricedModel[];
}
