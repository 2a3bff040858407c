import type { CostMode } from '../model/cost-mode.ts';
import type { CostedUsage } from '../model/costed-usage.ts';
import { dimensionSql } from './dimension-sql.ts';
import { shrinkPageCacheForReading, type Store } from './open-store.ts';
import { rowCost, usageRowConditions, type UsageFilter } from './select-usage-aggregates.ts';

const DAY_MS = 86_400_000;

/**
 * The usage rows a report of `filter` sums (same range, `--where` and source-kind preference) that have
 * a cost in `mode`, one by one, ordered by UTC day, provider and model, so a caller can aggregate one
 * day of one model at a time and keep memory flat however large the store. Usage without a cost in
 * the mode is left out here; `selectUnpricedUsage` lists it. Money is read as text (exact past 2^53).
 * Shrinks the connection's page cache for the read (open-store.ts).
 */
export function* iterateCostedUsage(
  store: Store,
  filter: UsageFilter,
  mode: CostMode,
): Generator<CostedUsage> {
  // One pass in sorted order needs no large page cache: a smaller one bounds the sorter's memory.
  shrinkPageCacheForReading(store);
  const where = usageRowConditions(store, filter);
  const { cost, isUnpriced } = rowCost(mode);
  const condition = where.sql === '' ? `WHERE NOT (${isUnpriced})` : `${where.sql} AND NOT (${isUnpriced})`;
  const day = `occurred_at_ms - (occurred_at_ms % ${DAY_MS})`;
  // The team as reports read it: the row's own, else the one the config's team rules give it.
  const team = dimensionSql('team', false, filter.teamRules ?? []);
  const statement = store
    .prepare(
      `SELECT ${day}, occurred_at_ms, provider, model, project, ${team}, user, api_key, workspace, tags,
         requests, input_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
         cache_write_tokens, output_tokens, reasoning_tokens, web_search_requests, is_batch, service_tier,
         priced_model, price_layer, CAST(${cost} AS TEXT), CAST(cost_pico AS TEXT)
       FROM usage ${condition}
       ORDER BY 1, provider, model`,
    )
    .raw(true);
  for (const row of statement.iterate(...where.params) as Iterable<unknown[]>) {
    yield {
      dayStartMs: row[0] as number,
      occurredAtMs: row[1] as number,
      provider: row[2] as string,
      model: row[3] as string,
      project: row[4] as string | null,
      team: row[5] as string | null,
      user: row[6] as string | null,
      apiKey: row[7] as string | null,
      workspace: row[8] as string | null,
      tagsJson: row[9] as string | null,
      requests: row[10] as number | null,
      inputTokens: row[11] as number,
      cacheReadTokens: row[12] as number,
      cacheWrite5mTokens: row[13] as number,
      cacheWrite1hTokens: row[14] as number,
      cacheWriteTokens: row[15] as number,
      outputTokens: row[16] as number,
      reasoningTokens: row[17] as number,
      webSearchRequests: row[18] as number,
      isBatch: row[19] === 1,
      serviceTier: row[20] as string | null,
      pricedModel: row[21] as string | null,
      priceLayer: row[22] as string | null,
      costPico: BigInt(row[23] as string),
      bookCostPico: row[24] === null ? null : BigInt(row[24] as string),
    };
  }
}
