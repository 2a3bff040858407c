import type { ReplayRow } from '../optimizer/replay-row.ts';
import type { Store } from './open-store.ts';
import { usageFilterSql, type UsageFilter } from './select-usage-aggregates.ts';

/** How to sum usage rows into replay rows (optimizer/replay-grouping.ts decides; this only runs it). */
export interface ReplayRowQuery {
  /** Slice length in ms: records of one slice may be summed (its start becomes their time). */
  readonly sliceMs: number;
  /** Attributes kept apart besides provider and model: `project`, `tag:<key>`. */
  readonly attributes: readonly string[];
  /** Integer tests a·prompt + b·output <cmp> c·requests; records are summed only with equal answers. */
  readonly sizeTests: readonly {
    readonly promptCoefficient: number;
    readonly outputCoefficient: number;
    readonly comparison: '<' | '<=' | '>' | '>=';
    readonly perRequestTokens: number;
  }[];
}

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
): Generator<ReplayRow> {
  const slice = Math.trunc(query.sliceMs);
  if (!(slice >= 1)) throw new Error(`replay slice must be a positive number of ms, got ${query.sliceMs}`);
  const keyParams: string[] = [];
  const attributeSql = query.attributes.map((dimension) => {
    if (dimension === 'project') return 'project';
    if (!dimension.startsWith('tag:')) throw new Error(`cannot group replay rows by "${dimension}"`);
    keyParams.push(dimension.slice(4));
    return `json_extract(tags, '$."' || ? || '"')`;
  });
  const testSql = query.sizeTests.map(
    (test) =>
      `(${Math.trunc(test.promptCoefficient)} * ${PROMPT_SQL} + ${Math.trunc(test.outputCoefficient)} * output_tokens) ${test.comparison} ${Math.trunc(test.perRequestTokens)} * MAX(COALESCE(requests, 1), 1)`,
  );
  const keys = [
    `occurred_at_ms - (occurred_at_ms % ${slice})`,
    'provider',
    'model',
    'service_tier',
    'is_batch',
    'CASE WHEN requests IS NULL OR requests < 1 THEN id ELSE 0 END',
    ...attributeSql,
    ...testSql,
  ];
  const where = usageFilterSql(store, filter);
  const sql = `SELECT ${keys.join(', ')}, COUNT(*), SUM(requests), SUM(input_tokens), SUM(cache_read_tokens),
      SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(cache_write_tokens), SUM(output_tokens),
      SUM(reasoning_tokens), SUM(web_search_requests), CAST(SUM(COALESCE(cost_pico, 0)) AS TEXT)
    FROM usage ${where.sql} GROUP BY ${keys.map((_, index) => index + 1).join(', ')}`;
  const attributeCount = query.attributes.length;
  const sums = keys.length;
  const statement = store.prepare(sql).raw(true);
  for (const raw of statement.iterate(...keyParams, ...where.params)) {
    const row = raw as (number | string | null)[];
    let project: string | null = null;
    const tags: Record<string, string> = {};
    for (let index = 0; index < attributeCount; index++) {
      const dimension = query.attributes[index] ?? '';
      const value = row[6 + index];
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
  const where = usageFilterSql(store, filter);
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
