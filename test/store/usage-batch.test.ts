import { describe, expect, it } from 'vitest';
import { createUsageBatchBuilder, packUsageBatch, unpackUsage } from '../../src/store/usage-batch.ts';
import type { StoredUsage } from '../../src/store/stored-usage.ts';
import { makeStored } from '../helpers/make-record.ts';

describe('packUsageBatch', () => {
  it('gives every record back as it was packed: nulls, enums, tags and amounts beyond 2^53', () => {
    const records: StoredUsage[] = [
      makeStored({
        dedupKey: 'a',
        requests: null,
        status: 'error',
        project: 'p',
        serviceTier: 'flex',
        isBatch: true,
        tags: { env: 'dev', 'feature x': 'ü' },
        reportedCost: { amountPico: 12_345_678_901_234_567_890n, currency: 'EUR' },
        costPico: -(2n ** 60n),
        priceLayer: 'override',
        latencyMs: 2333,
        timeToFirstTokenMs: 0,
      }),
      makeStored({
        dedupKey: 'b',
        costPico: null,
        pricedModel: null,
        unpricedReason: 'no price',
        latencyMs: 3_600_000,
        timeToFirstTokenMs: null,
      }),
      makeStored({ dedupKey: 'c', tags: { env: 'dev', 'feature x': 'ü' }, priceLayer: 'overlay' }),
    ];
    const batch = packUsageBatch(records, records, 'requests');
    expect(records.map((_, index) => unpackUsage(batch, index))).toEqual(records);
    // Timing: 0 stays 0, unknown stays null (NaN in the array, as other nullable numbers).
    expect(records.map((_, index) => unpackUsage(batch, index).timeToFirstTokenMs)).toEqual([0, null, null]);
    // Equal tags are one dictionary text.
    expect(batch.dictionary.filter((text) => text.startsWith('{'))).toEqual([
      '{"env":"dev","feature x":"ü"}',
    ]);
  });

  it('sums the rollups of the batch by hour', () => {
    const at = (hour: number) => Date.UTC(2026, 9, 1, hour, 30);
    const records = [
      makeStored({ dedupKey: 'a', occurredAtMs: at(1), inputTokens: 1, costPico: 10n }),
      makeStored({ dedupKey: 'b', occurredAtMs: at(1), inputTokens: 2, costPico: 20n }),
      makeStored({ dedupKey: 'c', occurredAtMs: at(5), inputTokens: 4, costPico: 40n }),
      makeStored({ dedupKey: 'd', occurredAtMs: at(25), inputTokens: 8, costPico: 80n }),
    ];
    const batch = packUsageBatch(records, records, 'requests');
    const sums = (list: typeof batch.hourly) =>
      list.map((sum) => [sum.bucketStartMs, sum.totals.inputTokens, sum.totals.costPico]);
    expect(sums(batch.hourly)).toEqual([
      [Date.UTC(2026, 9, 1, 1), 3, 30n],
      [Date.UTC(2026, 9, 1, 5), 4, 40n],
      [Date.UTC(2026, 9, 2, 1), 8, 80n],
    ]);
  });
});

describe('createUsageBatchBuilder', () => {
  it('replaces a record in place, its rollup contribution and exact amount with it', () => {
    const builder = createUsageBatchBuilder('requests', 1);
    const small = makeStored({ dedupKey: 'm', outputTokens: 5, costPico: 2n ** 60n });
    const other = makeStored({ dedupKey: 'n', outputTokens: 1, costPico: 1n });
    const large = makeStored({ dedupKey: 'm', outputTokens: 50, costPico: 50n });
    builder.add(small, small);
    builder.add(other, other);
    expect(builder.totalTokensAt(0)).toBe(5);
    builder.replace(0, large, large);
    expect(builder.totalTokensAt(0)).toBe(50);
    const batch = builder.take();
    expect([unpackUsage(batch, 0), unpackUsage(batch, 1)]).toEqual([large, other]);
    expect(batch.bigAmounts).toEqual([]);
    expect(
      batch.hourly.map((sum) => [sum.totals.records, sum.totals.outputTokens, sum.totals.costPico]),
    ).toEqual([[2, 51, 51n]]);
    expect(builder.count).toBe(0);
    expect(builder.take().count).toBe(0);
  });
});
