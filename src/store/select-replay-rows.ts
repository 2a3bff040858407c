import { tokenCountsOf } from '../model/usage-totals.ts';
import type { ReplayRow } from '../optimizer/replay-row.ts';
import type { Store } from './open-store.ts';
import { queryInWorker } from './query-in-worker.ts';
import { selectUsageAggregates, usageRowConditions, type UsageFilter } from './select-usage-aggregates.ts';

/** How to sum usage rows into replay rows (optimizer/replay-grouping.ts decides; this only runs it). */
export interface ReplayRowQuery {
  /** Slice length in ms: records of one slice may be summed (its start becomes their time). */
  readonly sliceMs: number;
  /** Stored (provider, model) pairs whose prices change within a slice: sliced by `fineSliceMs`. */
  readonly fineModels: readonly { readonly provider: string; readonly model: string }[];
  /** A divisor of `sliceMs`. */
  readonly fineSliceMs: number;
  /** Attributes kept apart besides provider and model: `project`, `tag:<key>`. */
  readonly attributes: readonly string[];
  /** Integer tests a·prompt + b·output <cmp> c·requests; records are summed only with equal answers. */
  readonly sizeTests: readonly {
    readonly promptCoefficient: number;
    readonly outputCoefficient: number;
    readonly comparison: '<' | '<=' | '>' | '>=';
    readonly perRequestTokens: number;
    /** The answer most records give (a speed hint for the rollup path). */
    readonly usualAnswer: boolean;
  }[];
  /**
   * Take the usual records (see below) from the hourly/daily rollups, summed per slice (`sliceMs` must
   * then be whole hours), provider and model, and read only the others from the usage rows; null: read
   * everything from usage rows. Usual records: every size test gives its usual answer, not batch, a
   * service tier in `mergeableTiers` (or none), a known request count of at least 1, a model not in
   * `fineModels`.
   */
  readonly rollup: {
    /** Lower-case service tiers priced alike with no tier at all. */
    readonly mergeableTiers: readonly string[];
  } | null;
}

const HOUR_MS = 3_600_000;

/** How replay rows are read. */
export interface ReplayReadOptions {
  /** Usage rows in range from which the scan is split over two threads (default PARALLEL_MIN_ROWS). */
  readonly parallelMinRows?: number;
}

/**
 * From this many usage rows in range, the grouping scan runs in two threads, each over half of them: a
 * worker costs ~50 ms to start, a scan ~1 µs a row.
 */
const PARALLEL_MIN_ROWS = 200_000;

const PROMPT_SQL =
  '(input_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_write_tokens)';

/**
 * The filtered usage summed into replay rows, streamed (one statement iterated, never all rows in
 * memory). SQLite does the summing, in one pass: records sharing time slice, provider, model, service
 * tier, batch flag, the query's attributes and every size test's answer make one row. Records with an
 * unknown or zero request count stay single rows. The grouping only ever sums records the replay
 * would treat alike, so the result is the row-by-row result (see replay-grouping.ts).
 */
export function* selectReplayRows(
  store: Store,
  filter: UsageFilter,
  query: ReplayRowQuery,
  options: ReplayReadOptions = {},
): Generator<ReplayRow> {
  const { rollup } = query;
  const canUseRollups =
    rollup !== null &&
    query.attributes.length === 0 &&
    filter.where.every(({ dimension }) => dimension === 'provider' || dimension === 'model') &&
    query.sliceMs % HOUR_MS === 0;
  if (!canUseRollups) {
    yield* selectGroupedRows(store, filter, query, null, options);
    return;
  }
  yield* selectRowsWithRollups(store, filter, query, rollup, options);
}

/**
 * The rollup path: the unusual records grouped from usage rows (and subtracted from their rollup
 * slice), then what remains of each rollup slice, provider and model as one row of usual records.
 */
function* selectRowsWithRollups(
  store: Store,
  filter: UsageFilter,
  query: ReplayRowQuery,
  rollup: NonNullable<ReplayRowQuery['rollup']>,
  options: ReplayReadOptions,
): Generator<ReplayRow> {
  const aggregates = selectUsageAggregates(store, {
    ...filter,
    costMode: 'list',
    sliceMs: query.sliceMs,
    groupBy: ['provider', 'model'],
  });
  const remainders = new Map<string, MutableRemainder>();
  for (const { sliceStartMs, groupValues, totals } of aggregates) {
    const provider = groupValues[0] ?? '';
    const model = groupValues[1] ?? '';
    remainders.set(remainderKey(sliceStartMs, provider, model), {
      occurredAtMs: sliceStartMs,
      provider,
      model,
      records: totals.records,
      requests: totals.requests,
      ...tokenCountsOf(totals),
      webSearchRequests: totals.webSearchRequests,
      recordedCostPico: totals.listCostPico,
    });
  }
  // Cheapest tests first. Records with an unknown or zero request count are unusual anyway, so the
  // size tests here may divide by `requests` as it is.
  const unusual = [
    'is_batch <> 0',
    'COALESCE(requests, 0) < 1',
    'web_search_requests > 0',
    `(service_tier IS NOT NULL AND LOWER(service_tier) NOT IN (${rollup.mergeableTiers.map(() => '?').join(', ') || "''"}))`,
  ];
  const params: (string | number)[] = [...rollup.mergeableTiers];
  if (query.fineModels.length > 0) {
    // The model test first: one comparison for most records.
    const models = [...new Set(query.fineModels.map(({ model }) => model))];
    unusual.push(
      `(model IN (${models.map(() => '?').join(', ')}) AND (${query.fineModels.map(() => '(provider = ? AND model = ?)').join(' OR ')}))`,
    );
    params.push(...models);
    for (const { provider, model } of query.fineModels) params.push(provider, model);
  }
  unusual.push(...unusualSizeSql(query.sizeTests));
  for (const row of selectGroupedRows(store, filter, query, { sql: unusual.join(' OR '), params }, options)) {
    const startMs = row.occurredAtMs - (row.occurredAtMs % query.sliceMs);
    const remainder = remainders.get(remainderKey(startMs, row.provider, row.model));
    if (remainder !== undefined) {
      remainder.records -= row.records;
      remainder.requests -= row.requests ?? 0;
      remainder.inputTokens -= row.inputTokens;
      remainder.cacheReadTokens -= row.cacheReadTokens;
      remainder.cacheWrite5mTokens -= row.cacheWrite5mTokens;
      remainder.cacheWrite1hTokens -= row.cacheWrite1hTokens;
      remainder.cacheWriteTokens -= row.cacheWriteTokens;
      remainder.outputTokens -= row.outputTokens;
      remainder.reasoningTokens -= row.reasoningTokens;
      remainder.webSearchRequests -= row.webSearchRequests;
      remainder.recordedCostPico -= row.recordedCostPico;
    }
    yield row;
  }
  for (const remainder of remainders.values()) {
    if (remainder.records <= 0) continue;
    yield { ...remainder, serviceTier: null, isBatch: false, project: null, tags: {} };
  }
}

type MutableRemainder = {
  -readonly [K in Exclude<keyof ReplayRow, 'serviceTier' | 'isBatch' | 'project' | 'tags'>]: ReplayRow[K];
} & { requests: number };

function remainderKey(sliceStartMs: number, provider: string, model: string): string {
  return `${sliceStartMs}\u0000${provider}\u0000${model}`;
}

/**
 * SQL finding records that answer a size test unusually. Tests usually false of the form
 * a·prompt + b·output > (or ≥) c·requests — limits and tier edges, most of them — share one cheap
 * necessary condition, (prompt + output) × max(a, b) ≥ min(c) × requests, evaluated first, so most
 * records cost one comparison instead of one per test.
 */
function unusualSizeSql(tests: ReplayRowQuery['sizeTests']): string[] {
  const upper = tests.filter(
    (test) => !test.usualAnswer && (test.comparison === '>' || test.comparison === '>='),
  );
  const others = tests.filter((test) => !upper.includes(test));
  const sql = others.map((test) => `(${sizeTestSql(test, 'requests')}) IS NOT ${test.usualAnswer ? 1 : 0}`);
  if (upper.length > 0) {
    const coefficient = Math.max(
      ...upper.map((test) => Math.max(test.promptCoefficient, test.outputCoefficient)),
    );
    const threshold = Math.min(...upper.map((test) => test.perRequestTokens));
    sql.push(
      `((${PROMPT_SQL} + output_tokens) * ${Math.trunc(coefficient)} >= ${Math.trunc(threshold)} * requests AND (${upper.map((test) => sizeTestSql(test, 'requests')).join(' OR ')}))`,
    );
  }
  return sql;
}

/** A size test in SQL; `requestsSql` is the per-test request count (an unknown or zero count is one). */
function sizeTestSql(
  test: ReplayRowQuery['sizeTests'][number],
  requestsSql = 'MAX(COALESCE(requests, 1), 1)',
): string {
  return `(${Math.trunc(test.promptCoefficient)} * ${PROMPT_SQL} + ${Math.trunc(test.outputCoefficient)} * output_tokens) ${test.comparison} ${Math.trunc(test.perRequestTokens)} * ${requestsSql}`;
}

/** Usage rows summed by the full replay key; `only`: an extra condition (with its parameters). */
function* selectGroupedRows(
  store: Store,
  filter: UsageFilter,
  query: ReplayRowQuery,
  only: { readonly sql: string; readonly params: readonly (string | number)[] } | null,
  options: ReplayReadOptions,
): Generator<ReplayRow> {
  const slice = Math.trunc(query.sliceMs);
  const fineSlice = Math.trunc(query.fineSliceMs);
  if (!(fineSlice >= 1 && slice % fineSlice === 0))
    throw new Error(`replay slices must be positive, the fine one a divisor: ${slice}, ${fineSlice}`);
  const keyParams: string[] = [];
  let sliceSql = `occurred_at_ms - (occurred_at_ms % ${slice})`;
  if (query.fineModels.length > 0 && fineSlice !== slice) {
    const isFine = query.fineModels.map(() => '(provider = ? AND model = ?)').join(' OR ');
    for (const { provider, model } of query.fineModels) keyParams.push(provider, model);
    sliceSql = `occurred_at_ms - (occurred_at_ms % CASE WHEN ${isFine} THEN ${fineSlice} ELSE ${slice} END)`;
  }
  const attributeSql = query.attributes.map((dimension) => {
    if (dimension === 'project') return 'project';
    if (!dimension.startsWith('tag:')) throw new Error(`cannot group replay rows by "${dimension}"`);
    keyParams.push(dimension.slice(4));
    return `json_extract(tags, '$."' || ? || '"')`;
  });
  const testSql = query.sizeTests.map((test) => sizeTestSql(test));
  const fixedKeys = [
    sliceSql,
    'provider',
    'model',
    'service_tier',
    'is_batch',
    'CASE WHEN requests IS NULL OR requests < 1 THEN id ELSE 0 END',
    // A model without a web search price cannot price a record with searches: keep those apart.
    'web_search_requests > 0',
  ];
  const keys = [...fixedKeys, ...attributeSql, ...testSql];
  const filterSql = usageRowConditions(store, filter);
  const where =
    only === null
      ? filterSql
      : {
          sql: `${filterSql.sql === '' ? 'WHERE' : `${filterSql.sql} AND`} (${only.sql})`,
          params: [...filterSql.params, ...only.params],
        };
  const sqlWithin = (range: string): string => `SELECT ${keys.join(', ')}, COUNT(*), SUM(requests),
      SUM(input_tokens), SUM(cache_read_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens),
      SUM(cache_write_tokens), SUM(output_tokens), SUM(reasoning_tokens), SUM(web_search_requests),
      CAST(SUM(COALESCE(cost_pico, 0)) AS TEXT)
    FROM usage ${where.sql} ${range} GROUP BY ${keys.map((_, index) => index + 1).join(', ')}`;
  const params = [...keyParams, ...where.params];
  const split = halfwaySlice(store, filter, slice, options.parallelMinRows ?? PARALLEL_MIN_ROWS);
  let raws: Iterable<unknown>;
  if (split === null) {
    raws = store
      .prepare(sqlWithin(''))
      .raw(true)
      .iterate(...params);
  } else {
    // Two cores: the later half in a worker (it starts a little later), the earlier half here. The
    // halves meet at a slice boundary, so no group is split.
    const and = where.sql === '' ? 'WHERE' : 'AND';
    const later = queryInWorker(store.name, sqlWithin(`${and} occurred_at_ms >= ?`), [...params, split]);
    const earlier = store.prepare(sqlWithin(`${and} occurred_at_ms < ?`)).raw(true);
    raws = (function* () {
      yield* earlier.iterate(...params, split);
      yield* later;
    })();
  }
  const attributeCount = query.attributes.length;
  const sums = keys.length;
  for (const raw of raws) {
    const row = raw as (number | string | null)[];
    let project: string | null = null;
    const tags: Record<string, string> = {};
    for (let index = 0; index < attributeCount; index++) {
      const dimension = query.attributes[index] ?? '';
      const value = row[fixedKeys.length + index];
      const text = value === null || value === undefined ? null : String(value);
      if (dimension === 'project') project = text;
      else if (text !== null) tags[dimension.slice(4)] = text;
    }
    const count = (offset: number): number => Number(row[sums + offset] ?? 0);
    yield {
      occurredAtMs: Number(row[0]),
      provider: String(row[1]),
      model: String(row[2]),
      serviceTier: row[3] === null ? null : String(row[3]),
      isBatch: row[4] === 1,
      records: count(0),
      requests: row[sums + 1] === null ? null : count(1),
      inputTokens: count(2),
      cacheReadTokens: count(3),
      cacheWrite5mTokens: count(4),
      cacheWrite1hTokens: count(5),
      cacheWriteTokens: count(6),
      outputTokens: count(7),
      reasoningTokens: count(8),
      webSearchRequests: count(9),
      recordedCostPico: BigInt(row[sums + 10] ?? 0),
      project,
      tags,
    };
  }
}

/**
 * Cache use in the filtered usage: cache-read tokens and prompt tokens of the records that read from or
 * wrote to a prompt cache (the observed hit rate is their ratio).
 */
export function selectCacheActivity(
  store: Store,
  filter: UsageFilter,
): { readonly cacheReadTokens: number; readonly promptTokens: number } {
  const where = usageRowConditions(store, filter);
  const cached = 'cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_write_tokens > 0';
  const condition = where.sql === '' ? `WHERE ${cached}` : `${where.sql} AND ${cached}`;
  const row = store
    .prepare(
      `SELECT COALESCE(SUM(cache_read_tokens), 0), COALESCE(SUM(${PROMPT_SQL}), 0) FROM usage ${condition}`,
    )
    .raw(true)
    .get(...where.params) as [number, number];
  return { cacheReadTokens: row[0], promptTokens: row[1] };
}

/**
 * The (provider, model) pairs stored in the UTC days a range touches, from the daily rollup: a superset
 * of the filtered usage's models, cheap to read.
 */
export function selectStoredModels(
  store: Store,
  range: { readonly fromMs: number | null; readonly toMs: number | null },
): { readonly provider: string; readonly model: string }[] {
  const conditions: string[] = [];
  const params: number[] = [];
  if (range.fromMs !== null) {
    conditions.push('day_start_ms >= ?');
    params.push(Math.floor(range.fromMs / 86_400_000) * 86_400_000);
  }
  if (range.toMs !== null) {
    conditions.push('day_start_ms < ?');
    params.push(Math.trunc(range.toMs));
  }
  return store
    .prepare(
      `SELECT DISTINCT provider, model FROM usage_daily ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY provider, model`,
    )
    .all(...params) as { provider: string; model: string }[];
}

/**
 * Where to split a scan over two threads: the start of the slice holding the middle usage row in
 * range (by time), or null when the scan is small, the store is in memory or mid-transaction (a worker
 * could not see its rows), or the halves would not both be in range.
 */
export function halfwaySlice(
  store: Store,
  filter: UsageFilter,
  sliceMs: number,
  minRows: number,
): number | null {
  if (store.memory || store.inTransaction) return null;
  const from = filter.fromMs ?? Number.MIN_SAFE_INTEGER;
  const to = filter.toMs ?? Number.MAX_SAFE_INTEGER;
  // Both read the time index only (~25 ms a million rows).
  const count = Number(
    store
      .prepare('SELECT COUNT(*) FROM usage WHERE occurred_at_ms >= ? AND occurred_at_ms < ?')
      .pluck()
      .get(from, to),
  );
  if (count < Math.max(minRows, 2)) return null;
  const middle = store
    .prepare(
      `SELECT occurred_at_ms FROM usage WHERE occurred_at_ms >= ? AND occurred_at_ms < ?
       ORDER BY occurred_at_ms LIMIT 1 OFFSET ?`,
    )
    .pluck()
    .get(from, to, Math.floor(count / 2));
  const first = store
    .prepare('SELECT MIN(occurred_at_ms) FROM usage WHERE occurred_at_ms >= ?')
    .pluck()
    .get(from);
  if (typeof middle !== 'number' || typeof first !== 'number') return null;
  const split = middle - (middle % sliceMs);
  return split > first && split < to ? split : null;
}
