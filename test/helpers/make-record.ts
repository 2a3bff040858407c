import { EMPTY_USAGE, type UsageRecord } from '../../src/model/usage-record.ts';
import type { StoredUsage } from '../../src/store/stored-usage.ts';

let counter = 0;

/** A usage record with sensible defaults; override what the test is about. */
export function makeRecord(overrides: Partial<UsageRecord> = {}): UsageRecord {
  counter += 1;
  return {
    ...EMPTY_USAGE,
    dedupKey: `test:${counter}`,
    occurredAtMs: Date.UTC(2026, 9, 1, 12),
    provider: 'openai',
    model: 'gpt-4o',
    sourceLine: counter,
    ...overrides,
  };
}

/** A stored record priced at `costPico` (null = unpriced). */
export function makeStored(overrides: Partial<StoredUsage> = {}): StoredUsage {
  return {
    ...makeRecord(overrides),
    costPico: 1_000_000n,
    pricedModel: 'gpt-4o',
    unpricedReason: null,
    priceLayer: null,
    ...overrides,
  };
}
