import { totalTokens } from '../model/usage-record.ts';
import type { StoredUsage } from './stored-usage.ts';

const HOUR_MS = 3_600_000;

/** Sums of one usage_hourly row to subtract or add, for usage replaced by a larger copy. */
export interface RollupSums {
  readonly key: readonly (string | number)[];
  records: number;
  requests: number;
  requestsUnknown: number;
  errorRequests: number;
  inputTokens: number;
  cacheReadTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  webSearchRequests: number;
  costPico: bigint;
  reportedCostPico: bigint;
  unpricedRecords: number;
  unpricedRequests: number;
  unpricedTokens: number;
}

/** The rollup key of a record: its UTC hour, provider, model and reported currency ('' for none). */
export function rollupKeyOf(usage: StoredUsage): (string | number)[] {
  return [Math.floor(usage.occurredAtMs / HOUR_MS) * HOUR_MS, usage.provider, usage.model, usage.reportedCost?.currency ?? ''];
}

/** Adds (sign 1) or removes (sign -1) one record's contribution to pending rollup sums. */
export function applyToRollup(pending: Map<string, RollupSums>, usage: StoredUsage, sign: 1 | -1): void {
  const key = rollupKeyOf(usage);
  const mapKey = key.join('\u0000');
  let sums = pending.get(mapKey);
  if (sums === undefined) {
    sums = {
      key,
      records: 0,
      requests: 0,
      requestsUnknown: 0,
      errorRequests: 0,
      inputTokens: 0,
      cacheReadTokens: 0,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
      webSearchRequests: 0,
      costPico: 0n,
      reportedCostPico: 0n,
      unpricedRecords: 0,
      unpricedRequests: 0,
      unpricedTokens: 0,
    };
    pending.set(mapKey, sums);
  }
  const requests = usage.requests ?? 0;
  sums.records += sign;
  sums.requests += sign * requests;
  if (usage.requests === null) sums.requestsUnknown += sign;
  if (usage.status === 'error') sums.errorRequests += sign * Math.max(requests, 1);
  sums.inputTokens += sign * usage.inputTokens;
  sums.cacheReadTokens += sign * usage.cacheReadTokens;
  sums.cacheWrite5mTokens += sign * usage.cacheWrite5mTokens;
  sums.cacheWrite1hTokens += sign * usage.cacheWrite1hTokens;
  sums.cacheWriteTokens += sign * usage.cacheWriteTokens;
  sums.outputTokens += sign * usage.outputTokens;
  sums.reasoningTokens += sign * usage.reasoningTokens;
  sums.webSearchRequests += sign * usage.webSearchRequests;
  if (usage.reportedCost) sums.reportedCostPico += BigInt(sign) * usage.reportedCost.amountPico;
  if (usage.costPico === null) {
    sums.unpricedRecords += sign;
    sums.unpricedRequests += sign * requests;
    sums.unpricedTokens += sign * totalTokens(usage);
  } else {
    sums.costPico += BigInt(sign) * usage.costPico;
  }
}
