import type { KindDaySums } from '../model/kind-day-sums.ts';
import type { SourceKind } from '../model/source-kind.ts';
import type { Store } from './open-store.ts';

export interface ReconcileFilter {
  /** UTC day bounds, epoch ms: [fromMs, toMs); null for none. */
  readonly fromMs: number | null;
  readonly toMs: number | null;
  readonly provider: string | null;
}

/**
 * Per UTC day, provider, model and source kind, the sums of usage on the providers and days that both
 * a billing export and request logs cover (what `reconcile` compares), from the daily rollup.
 */
export function selectReconcileSums(store: Store, filter: ReconcileFilter): KindDaySums[] {
  const conditions = [
    'records > 0',
    `(SELECT COUNT(DISTINCT other.source_kind) FROM usage_daily AS other
      WHERE other.day_start_ms = usage_daily.day_start_ms AND other.provider = usage_daily.provider
        AND other.records > 0) > 1`,
  ];
  const params: (string | number)[] = [];
  if (filter.fromMs !== null) {
    conditions.push('day_start_ms >= ?');
    params.push(filter.fromMs);
  }
  if (filter.toMs !== null) {
    conditions.push('day_start_ms < ?');
    params.push(filter.toMs);
  }
  if (filter.provider !== null) {
    conditions.push('provider = ?');
    params.push(filter.provider);
  }
  const rows = store
    .prepare(
      `SELECT day_start_ms, provider, model, source_kind, SUM(records), SUM(input_tokens),
         SUM(cache_read_tokens), SUM(cache_write_5m_tokens + cache_write_1h_tokens + cache_write_tokens),
         SUM(output_tokens), CAST(SUM(cost_pico) AS TEXT), SUM(unpriced_records),
         CAST(SUM(CASE WHEN reported_currency = 'USD' THEN reported_cost_pico ELSE 0 END) AS TEXT),
         SUM(CASE WHEN reported_currency = 'USD' THEN records ELSE 0 END)
       FROM usage_daily WHERE ${conditions.join(' AND ')}
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .raw(true)
    .all(...params) as [number, string, string, SourceKind, ...(number | string)[]][];
  return rows.map(([dayStartMs, provider, model, kind, ...sums]) => ({
    dayStartMs,
    provider,
    model,
    kind,
    records: Number(sums[0]),
    inputTokens: Number(sums[1]),
    cacheReadTokens: Number(sums[2]),
    cacheWriteTokens: Number(sums[3]),
    outputTokens: Number(sums[4]),
    listCostPico: BigInt(sums[5] ?? 0),
    unpricedRecords: Number(sums[6]),
    statedCostPico: BigInt(sums[7] ?? 0),
    statedRecords: Number(sums[8]),
  }));
}
