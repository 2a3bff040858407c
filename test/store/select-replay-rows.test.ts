import { describe, expect, it } from 'vitest';
import type { ReplayPlan } from '../../src/optimizer/plan-replay.ts';
import { replayGrouping } from '../../src/optimizer/replay-grouping.ts';
import type { ReplayRow } from '../../src/optimizer/replay-row.ts';
import { replayUsage, type BreakdownDimension, type ReplayResult } from '../../src/optimizer/replay-usage.ts';
import type { Scenario } from '../../src/optimizer/scenario.ts';
import { tokenizerRatios } from '../../src/optimizer/tokenizer-ratios.ts';
import { selectCacheActivity, selectReplayRows } from '../../src/store/select-replay-rows.ts';
import type { StoredUsage } from '../../src/store/stored-usage.ts';
import { makeStored } from '../helpers/make-record.ts';
import { makeReplayRecords, seededStore } from '../helpers/replay-records.ts';
import { planOverReplayBook, REPLAY_BOOK } from '../helpers/replay-book.ts';

// The store sums records into replay rows; these tests replay the same records one by one and check
// that every decision (and, where no rounding is involved, every pico-dollar) is the same.

const asRow = (record: StoredUsage): ReplayRow => ({
  ...record,
  records: 1,
  recordedCostPico: record.costPico ?? 0n,
});

const planOf = (scenarios: readonly Scenario[], ratios: Record<string, number>): ReplayPlan =>
  planOverReplayBook(scenarios, { tokenizerRatios: tokenizerRatios(ratios) });

function replayBothWays(
  scenarios: readonly Scenario[],
  ratios: Record<string, number> = {},
  breakdownBy: readonly BreakdownDimension[] = ['model', 'project', 'day'],
  useRollups = false,
) {
  const records = makeReplayRecords();
  const store = seededStore(records);
  const plan = planOf(scenarios, ratios);
  const options = { breakdownBy, timeZone: 'UTC' };
  const grouping = replayGrouping(plan, Object.keys(REPLAY_BOOK.models), options.breakdownBy);
  const rows = [
    ...selectReplayRows(
      store,
      { fromMs: null, toMs: null, where: [], preferKind: 'billing' },
      {
        // As replay-stored-usage.ts slices: by day, unless a target's prices change within one;
        // acme/plain has half-hour price windows (replay-book.ts): its own records by 30 minutes.
        sliceMs: grouping.targetSliceDivisorMs,
        fineModels: [{ provider: 'acme', model: 'plain' }],
        fineSliceMs: grouping.sliceDivisorMs,
        attributes: grouping.attributes,
        sizeTests: grouping.sizeTests,
        rollup: useRollups ? { mergeableTiers: [''] } : null,
      },
    ),
  ];
  const grouped = replayUsage(rows, plan, options);
  const single = replayUsage(records.map(asRow), plan, options);
  store.close();
  return { grouped, single, groupedRows: rows.length };
}

/** What must not depend on grouping: counts, reasons, per-operation request counts. */
const decisions = (result: ReplayResult) => ({
  baseline: {
    records: result.baseline.records,
    requests: result.baseline.requests,
    unpriced: result.baseline.unpriced,
  },
  scenarios: result.scenarios.map((scenario) => ({
    excluded: {
      records: scenario.excluded.records,
      requests: scenario.excluded.requests,
      reasons: scenario.excluded.reasons.map(({ reason, records, requests }) => ({
        reason,
        records,
        requests,
      })),
    },
    effects: scenario.effects.map(({ operation, records, requests }) => ({ operation, records, requests })),
  })),
});

const condition = (text: 'input<2000' | 'project=etl') =>
  text === 'input<2000'
    ? ({ kind: 'size', measure: 'input', comparison: '<', tokens: 2000 } as const)
    : ({ kind: 'attribute', dimension: 'project', pattern: 'etl', isNegated: false } as const);

describe('selectReplayRows', () => {
  it('sums records without changing a pico-dollar: swaps over limits and tiers, routes, attributes', () => {
    const scenarios: Scenario[] = [
      {
        name: 'to-mid',
        operations: [{ kind: 'model', label: 'big=claude-mid', from: 'big', when: null, to: 'claude-mid' }],
      },
      {
        name: 'to-small',
        operations: [{ kind: 'model', label: 'small', from: '*', when: null, to: 'small' }],
      },
      {
        name: 'route',
        operations: [
          { kind: 'model', label: 'short', from: null, when: condition('input<2000'), to: 'small' },
          { kind: 'model', label: 'etl', from: null, when: condition('project=etl'), to: 'plain' },
        ],
      },
    ];
    const { grouped, single } = replayBothWays(scenarios);
    expect(decisions(grouped)).toEqual(decisions(single));
    expect(grouped.baseline.costPico).toBe(single.baseline.costPico);
    expect(grouped.scenarios.map((s) => s.costPico)).toEqual(single.scenarios.map((s) => s.costPico));
    expect(grouped.breakdowns).toEqual(single.breakdowns);
    expect(single.scenarios.every((scenario) => scenario.excluded.records > 0)).toBe(true);
  });

  it('keeps decisions exact and money within per-row rounding for ratios, caching and batch shares', () => {
    const scenarios: Scenario[] = [
      {
        name: 'ratio',
        operations: [{ kind: 'model', label: 'big=claude-mid', from: 'big', when: null, to: 'claude-mid' }],
      },
      {
        name: 'cache',
        operations: [{ kind: 'cache', label: 'cache', hitRate: 0.37, ttl: '1h', when: null }],
      },
      {
        name: 'batch',
        operations: [
          {
            kind: 'batch',
            label: 'batch',
            share: { numerator: 1, denominator: 3 },
            when: condition('project=etl'),
          },
        ],
      },
    ];
    const { grouped, single } = replayBothWays(scenarios, { anthropic: 1.3 });
    expect(decisions(grouped)).toEqual(decisions(single));
    // Whole-token rounding per row: at most 4 classes × ½ token × $22.50/1M (the dearest price) per record,
    // plus ½ pUSD of share rounding.
    const bound = 600n * (4n * 11_250_000n + 1n);
    grouped.scenarios.forEach((scenario, index) => {
      const difference = scenario.costPico - (single.scenarios[index]?.costPico ?? 0n);
      expect(difference < 0n ? -difference : difference).toBeLessThanOrEqual(bound);
    });
  });

  it('takes the usual records from the rollups and gives the row-by-row result', () => {
    const scenarios: Scenario[] = [
      {
        name: 'to-mid',
        operations: [{ kind: 'model', label: 'big=claude-mid', from: 'big', when: null, to: 'claude-mid' }],
      },
      {
        name: 'to-small',
        operations: [{ kind: 'model', label: 'small', from: '*', when: null, to: 'small' }],
      },
      {
        name: 'route',
        operations: [
          { kind: 'model', label: 'short', from: null, when: condition('input<2000'), to: 'small' },
        ],
      },
      // A hit rate of 1 keeps the cache split whole per record, so the money must match exactly.
      { name: 'cache', operations: [{ kind: 'cache', label: 'cache', hitRate: 1, ttl: '5m', when: null }] },
      {
        name: 'batch',
        operations: [{ kind: 'batch', label: 'batch', share: { numerator: 1, denominator: 1 }, when: null }],
      },
    ];
    const { grouped, single, groupedRows } = replayBothWays(scenarios, {}, ['model', 'day'], true);
    expect(groupedRows).toBeLessThan(600);
    expect(decisions(grouped)).toEqual(decisions(single));
    expect(grouped.baseline.costPico).toBe(single.baseline.costPico);
    expect(grouped.baseline.recordedCostPico).toBe(single.baseline.recordedCostPico);
    expect(grouped.scenarios.map((s) => s.costPico)).toEqual(single.scenarios.map((s) => s.costPico));
    expect(grouped.breakdowns).toEqual(single.breakdowns);
  });

  it('reads the cache activity of the usage that used a cache', () => {
    const store = seededStore([
      makeStored({ dedupKey: 'a', inputTokens: 100, cacheReadTokens: 300 }),
      makeStored({ dedupKey: 'b', inputTokens: 1000 }),
    ]);
    expect(
      selectCacheActivity(store, { fromMs: null, toMs: null, where: [], preferKind: 'billing' }),
    ).toEqual({
      cacheReadTokens: 300,
      promptTokens: 400,
    });
    store.close();
  });
});
