import Papa from 'papaparse';
import type { ProviderComparison } from '../analysis/compare-providers.ts';
import { allTokens } from '../model/usage-totals.ts';
import { formatAmountExact } from './format-money.ts';

/**
 * The comparison's rows as CSV (header row, no totals row, as `report --format csv`). Money columns are
 * exact decimals of the report currency (`cost` sums to the total exactly; unit costs are rounded to
 * the pico-unit); `error_share` is 0-1; durations are whole ms (`latency_ms` the median total latency,
 * the other timing columns appended last so earlier columns keep their places); empty cells where a
 * figure does not exist (no request of the row states its timing).
 */
export function renderProvidersCsv(comparison: ProviderComparison): string {
  const currency = comparison.currency.toLowerCase();
  const fields = [
    'provider',
    ...(comparison.level === 'model' ? ['model'] : []),
    'records',
    'requests',
    'requests_unknown',
    'error_requests',
    'tokens',
    'input_tokens',
    'cache_read_tokens',
    'output_tokens',
    `cost_${currency}`,
    `cost_per_request_${currency}`,
    `cost_per_1k_output_tokens_${currency}`,
    'error_share',
    'latency_ms',
    'efficiency_score',
    'unpriced_records',
    'latency_p95_ms',
    'latency_requests',
    'ttft_ms',
    'ttft_p95_ms',
    'ttft_requests',
  ];
  const timing = (value: number | undefined): string | number => value ?? '';
  const optional = (value: bigint | null): string => (value === null ? '' : formatAmountExact(value));
  const rows = comparison.level === 'model' ? comparison.models : comparison.providers;
  const data = rows.map((row) => [
    row.provider,
    ...(comparison.level === 'model' ? [row.model ?? ''] : []),
    row.totals.records,
    row.totals.requests,
    row.totals.requestsUnknown,
    row.totals.errorRequests,
    allTokens(row.totals),
    row.totals.inputTokens,
    row.totals.cacheReadTokens,
    row.totals.outputTokens,
    formatAmountExact(row.totals.costPico),
    optional(row.costPerRequestPico),
    optional(row.costPer1kOutputPico),
    row.errorShare === null ? '' : String(row.errorShare),
    timing(row.timing?.latency?.medianMs),
    row.efficiencyScore === null ? '' : String(row.efficiencyScore),
    row.totals.unpricedRecords,
    timing(row.timing?.latency?.p95Ms),
    timing(row.timing?.latency?.requests),
    timing(row.timing?.timeToFirstToken?.medianMs),
    timing(row.timing?.timeToFirstToken?.p95Ms),
    timing(row.timing?.timeToFirstToken?.requests),
  ]);
  return `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;
}
