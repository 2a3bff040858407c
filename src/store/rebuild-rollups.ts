import type { Store } from './open-store.ts';
import { PROMPT_AND_OUTPUT_TOKENS_SQL, TOKEN_COLUMNS } from './token-columns.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Recomputes the hourly and daily rollups from the usage rows, for every bucket from the one holding
 * `fromMs` on (all of them when null). Ingest keeps rollups up to date incrementally
 * (rollup-accumulator.ts); this is the same sums in SQL, for when stored costs change (reprice). A test
 * checks both give identical tables. Run it inside the transaction that changed the rows.
 */
export function rebuildRollups(store: Store, fromMs: number | null): void {
  for (const [table, timeColumn, bucketMs] of [
    ['usage_hourly', 'hour_start_ms', HOUR_MS],
    ['usage_daily', 'day_start_ms', DAY_MS],
  ] as const) {
    const from = fromMs === null ? null : Math.floor(fromMs / bucketMs) * bucketMs;
    store.prepare(`DELETE FROM ${table}${from === null ? '' : ` WHERE ${timeColumn} >= ${from}`}`).run();
    store
      .prepare(
        `INSERT INTO ${table} (${timeColumn}, provider, model, reported_currency, source_kind, records, requests,
           requests_unknown, error_requests, ${TOKEN_COLUMNS.join(', ')}, cost_pico, reported_cost_pico,
           overlay_cost_pico, override_cost_pico, unpriced_records, unpriced_requests, unpriced_tokens)
         SELECT occurred_at_ms - (occurred_at_ms % ${bucketMs}), provider, model,
           COALESCE(reported_currency, ''), source_kind, COUNT(*), SUM(COALESCE(requests, 0)), SUM(requests IS NULL),
           SUM(CASE WHEN status = 'error' THEN MAX(COALESCE(requests, 0), 1) ELSE 0 END),
           ${TOKEN_COLUMNS.map((column) => `SUM(${column})`).join(', ')},
           SUM(COALESCE(cost_pico, 0)), SUM(COALESCE(reported_cost_pico, 0)),
           SUM(CASE WHEN price_layer = 'overlay' THEN cost_pico ELSE 0 END),
           SUM(CASE WHEN price_layer = 'override' THEN cost_pico ELSE 0 END), SUM(cost_pico IS NULL),
           SUM(CASE WHEN cost_pico IS NULL THEN COALESCE(requests, 0) ELSE 0 END),
           SUM(CASE WHEN cost_pico IS NULL THEN ${PROMPT_AND_OUTPUT_TOKENS_SQL} ELSE 0 END)
         FROM usage ${from === null ? '' : `WHERE occurred_at_ms >= ${from}`}
         GROUP BY 1, 2, 3, 4, 5`,
      )
      .run();
  }
}
