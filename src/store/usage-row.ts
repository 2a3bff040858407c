import type { SourceKind } from '../model/source-kind.ts';
import type { StoredUsage } from './stored-usage.ts';

/** A usage row as read with safe integers (every INTEGER column is a bigint). */
export interface UsageRow {
  id: bigint;
  dedup_hash: bigint;
  dedup_key: string;
  occurred_at_ms: bigint;
  provider: string;
  model: string;
  requests: bigint | null;
  input_tokens: bigint;
  cache_read_tokens: bigint;
  cache_write_5m_tokens: bigint;
  cache_write_1h_tokens: bigint;
  cache_write_tokens: bigint;
  output_tokens: bigint;
  reasoning_tokens: bigint;
  web_search_requests: bigint;
  status: 'ok' | 'error';
  project: string | null;
  user: string | null;
  team: string | null;
  api_key: string | null;
  workspace: string | null;
  session: string | null;
  service_tier: string | null;
  is_batch: bigint;
  tags: string | null;
  reported_cost_pico: bigint | null;
  reported_currency: string | null;
  cost_pico: bigint | null;
  priced_model: string | null;
  unpriced_reason: string | null;
  price_layer: string | null;
  source_line: bigint;
  source_kind: SourceKind;
  latency_ms: bigint | null;
  ttft_ms: bigint | null;
}

export function rowToStoredUsage(row: UsageRow): StoredUsage {
  return {
    dedupKey: row.dedup_key,
    occurredAtMs: Number(row.occurred_at_ms),
    provider: row.provider,
    model: row.model,
    requests: row.requests === null ? null : Number(row.requests),
    inputTokens: Number(row.input_tokens),
    cacheReadTokens: Number(row.cache_read_tokens),
    cacheWrite5mTokens: Number(row.cache_write_5m_tokens),
    cacheWrite1hTokens: Number(row.cache_write_1h_tokens),
    cacheWriteTokens: Number(row.cache_write_tokens),
    outputTokens: Number(row.output_tokens),
    reasoningTokens: Number(row.reasoning_tokens),
    webSearchRequests: Number(row.web_search_requests),
    status: row.status,
    project: row.project,
    user: row.user,
    team: row.team,
    apiKey: row.api_key,
    workspace: row.workspace,
    session: row.session,
    serviceTier: row.service_tier,
    isBatch: row.is_batch === 1n,
    tags: row.tags === null ? {} : (JSON.parse(row.tags) as Record<string, string>),
    reportedCost:
      row.reported_cost_pico === null || row.reported_currency === null
        ? null
        : { amountPico: row.reported_cost_pico, currency: row.reported_currency },
    latencyMs: row.latency_ms === null ? null : Number(row.latency_ms),
    timeToFirstTokenMs: row.ttft_ms === null ? null : Number(row.ttft_ms),
    costPico: row.cost_pico,
    pricedModel: row.priced_model,
    unpricedReason: row.unpriced_reason,
    priceLayer: row.price_layer as StoredUsage['priceLayer'],
    sourceLine: Number(row.source_line),
  };
}
