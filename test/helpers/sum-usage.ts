import { TOKEN_CLASSES, type UsageRecord } from '../../src/model/usage-record.ts';

export interface UsageSums {
  readonly records: number;
  readonly inputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWrite5mTokens: number;
  readonly cacheWrite1hTokens: number;
  readonly cacheWriteTokens: number;
  readonly outputTokens: number;
  readonly reasoningTokens: number;
  /** Sum of the known request counts. */
  readonly requests: number;
  readonly requestsUnknown: number;
  readonly webSearchRequests: number;
  /** Exact sum of stated costs, pico-units (all in one currency in these fixtures). */
  readonly reportedCostPico: bigint;
}

/** Totals of parsed records, the way a report adds them up. */
export function sumUsage(records: readonly UsageRecord[]): UsageSums {
  const tokens = Object.fromEntries(
    TOKEN_CLASSES.map((name) => [name, records.reduce((sum, record) => sum + record[name], 0)]),
  ) as Record<(typeof TOKEN_CLASSES)[number], number>;
  return {
    records: records.length,
    ...tokens,
    requests: records.reduce((sum, record) => sum + (record.requests ?? 0), 0),
    requestsUnknown: records.filter((record) => record.requests === null).length,
    webSearchRequests: records.reduce((sum, record) => sum + record.webSearchRequests, 0),
    reportedCostPico: records.reduce((sum, record) => sum + (record.reportedCost?.amountPico ?? 0n), 0n),
  };
}

/** Records with one copy per dedup key (the first), as the store keeps them. */
export function uniqueByKey(records: readonly UsageRecord[]): UsageRecord[] {
  const seen = new Set<string>();
  return records.filter((record) => !seen.has(record.dedupKey) && seen.add(record.dedupKey));
}
