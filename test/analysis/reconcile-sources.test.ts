import { describe, expect, it } from 'vitest';
import { reconcileSources } from '../../src/analysis/reconcile-sources.ts';
import type { KindDaySums } from '../../src/model/kind-day-sums.ts';

const DAY = Date.UTC(2026, 10, 3);
const NEXT_DAY = DAY + 86_400_000;

function sums(overrides: Partial<KindDaySums>): KindDaySums {
  return {
    dayStartMs: DAY,
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    kind: 'billing',
    records: 1,
    inputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    listCostPico: 0n,
    unpricedRecords: 0,
    statedCostPico: 0n,
    statedRecords: 0,
    ...overrides,
  };
}

const ROWS = [
  sums({ kind: 'billing', inputTokens: 1_000, outputTokens: 400, listCostPico: 10_000n }),
  sums({ kind: 'requests', inputTokens: 900, outputTokens: 400, listCostPico: 9_000n }),
  sums({ kind: 'billing', model: 'claude-haiku-4-5', inputTokens: 500, listCostPico: 500n }),
  sums({ dayStartMs: NEXT_DAY, kind: 'billing', inputTokens: 200, listCostPico: 2_000n }),
  sums({ dayStartMs: NEXT_DAY, kind: 'requests', inputTokens: 250, listCostPico: 2_500n }),
];

describe('reconcileSources', () => {
  it('compares each token class and the list cost per day, logs minus billing, in units and percent', () => {
    const { groups } = reconcileSources(ROWS, 'day');
    expect(groups.map((group) => group.dayStartMs)).toEqual([DAY, NEXT_DAY]);
    expect(groups[0]?.lines).toEqual([
      {
        measure: 'input',
        unit: 'tokens',
        billing: 1_500n,
        logs: 900n,
        difference: -600n,
        differencePercent: -40,
      },
      {
        measure: 'cache read',
        unit: 'tokens',
        billing: 0n,
        logs: 0n,
        difference: 0n,
        differencePercent: null,
      },
      {
        measure: 'cache write',
        unit: 'tokens',
        billing: 0n,
        logs: 0n,
        difference: 0n,
        differencePercent: null,
      },
      { measure: 'output', unit: 'tokens', billing: 400n, logs: 400n, difference: 0n, differencePercent: 0 },
      {
        measure: 'list cost',
        unit: 'picoUSD',
        billing: 10_500n,
        logs: 9_000n,
        difference: -1_500n,
        differencePercent: (-1_500 / 10_500) * 100,
      },
    ]);
  });

  it('puts the largest money difference first, whatever its sign', () => {
    const rows = [
      ...ROWS,
      sums({ dayStartMs: NEXT_DAY, kind: 'requests', model: 'claude-opus-4-1', listCostPico: 90_000n }),
    ];
    expect(reconcileSources(rows, 'day').groups.map((group) => group.dayStartMs)).toEqual([NEXT_DAY, DAY]);
  });

  it('sums the overlapping days per model with --by model, and the totals equal the sum of the groups', () => {
    const result = reconcileSources(ROWS, 'model');
    expect(
      result.groups.map((group) => [group.model, group.lines[0]?.billing, group.lines[0]?.logs]),
    ).toEqual([
      ['claude-haiku-4-5', 500n, 0n],
      ['claude-sonnet-4-5', 1_200n, 1_150n],
    ]);
    for (const measure of [0, 4]) {
      const summed = result.groups.reduce((sum, group) => sum + (group.lines[measure]?.difference ?? 0n), 0n);
      expect(result.totals?.lines[measure]?.difference).toBe(summed);
    }
  });

  it('adds stated costs and the bill against the logs at list price when the export states costs', () => {
    const { groups } = reconcileSources(
      [
        sums({ kind: 'billing', listCostPico: 1_000n, statedCostPico: 1_200n, statedRecords: 1 }),
        sums({ kind: 'requests', listCostPico: 900n }),
      ],
      'day',
    );
    expect(groups[0]?.lines.slice(5)).toEqual([
      {
        measure: 'stated cost',
        unit: 'picoUSD',
        billing: 1_200n,
        logs: 0n,
        difference: -1_200n,
        differencePercent: -100,
      },
      {
        measure: 'billed vs list',
        unit: 'picoUSD',
        billing: 1_200n,
        logs: 900n,
        difference: -300n,
        differencePercent: -25,
      },
    ]);
  });

  it('has nothing to compare without overlapping sources', () => {
    expect(reconcileSources([], 'day')).toEqual({ by: 'day', groups: [], totals: null });
  });
});
