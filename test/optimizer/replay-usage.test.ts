import { describe, expect, it } from 'vitest';
import { planReplay, type ReplayPlan, type ReplaySettings } from '../../src/optimizer/plan-replay.ts';
import type { ReplayRow } from '../../src/optimizer/replay-row.ts';
import { replayUsage, type ReplayResult } from '../../src/optimizer/replay-usage.ts';
import type { RowCondition, ScenarioOperation } from '../../src/optimizer/scenario.ts';
import { tokenizerRatios } from '../../src/optimizer/tokenizer-ratios.ts';
import type { PriceOverride } from '../../src/pricing/price-override.ts';
import { makeReplayRow } from '../helpers/make-replay-row.ts';
import { planOverReplayBook, REPLAY_BOOK, replayBookSettings } from '../helpers/replay-book.ts';

// Prices are in helpers/replay-book.ts: 1 token at $1 per 1M tokens = 1,000,000 pico-USD (pUSD).
const settings = replayBookSettings;

function plan(operations: readonly ScenarioOperation[], extra: Partial<ReplaySettings> = {}): ReplayPlan {
  return planOverReplayBook([{ name: 'what-if', operations }], extra);
}

function replay(
  rows: readonly ReplayRow[],
  operations: readonly ScenarioOperation[],
  extra: Partial<ReplaySettings> = {},
): ReplayResult {
  return replayUsage(rows, plan(operations, extra), { breakdownBy: ['model', 'day'], timeZone: 'UTC' });
}

const swap = (from: string | null, to: string, when: RowCondition | null = null): ScenarioOperation => ({
  kind: 'model',
  label: `${from ?? '*'}=${to}`,
  from,
  when,
  to,
});
const cache = (hitRate: number | 'observed', ttl: '5m' | '1h' = '5m'): ScenarioOperation => ({
  kind: 'cache',
  label: `cache ${hitRate}`,
  hitRate,
  ttl,
  when: null,
});
const batch = (
  numerator: number,
  denominator: number,
  when: RowCondition | null = null,
): ScenarioOperation => ({
  kind: 'batch',
  label: `batch ${numerator}/${denominator}`,
  share: { numerator, denominator },
  when,
});
const big = (fields: Partial<ReplayRow> = {}): ReplayRow =>
  makeReplayRow({ provider: 'openai', model: 'big', ...fields });
const scenarioOf = (result: ReplayResult) => {
  const [first] = result.scenarios;
  if (first === undefined) throw new Error('no scenario');
  return first;
};

describe('replayUsage: swap', () => {
  it('prices the same tokens on the target: 1000 in + 500 out on big $0.025 → small $0.002', () => {
    const result = replay([big({ inputTokens: 1000, outputTokens: 500 })], [swap('big', 'small')]);
    // big: 1000 × 10e6 + 500 × 30e6 = 2.5e10; small: 1000 × 1e6 + 500 × 2e6 = 2e9
    expect(result.baseline.costPico).toBe(25_000_000_000n);
    expect(scenarioOf(result)).toMatchObject({
      costPico: 2_000_000_000n,
      savingsPico: 23_000_000_000n,
      excluded: { records: 0, requests: 0, reasons: [] },
      effects: [
        { operation: 'big=small', requests: 1, beforePico: 25_000_000_000n, afterPico: 2_000_000_000n },
      ],
    });
  });

  it('leaves a request over the target context window as it was and lists it', () => {
    // 20,000 + 500 tokens > small's 16,000-token window
    const result = replay([big({ inputTokens: 20_000, outputTokens: 500 })], [swap('big', 'small')]);
    const scenario = scenarioOf(result);
    expect(scenario.costPico).toBe(result.baseline.costPico);
    expect(scenario.excluded).toEqual({
      records: 1,
      requests: 1,
      reasons: [
        {
          reason: 'big=small: prompt + output over the context window of openai/small (16000 tokens)',
          records: 1,
          requests: 1,
          baselinePico: 215_000_000_000n, // 20,000 × 10e6 + 500 × 30e6
        },
      ],
    });
  });

  it('checks an aggregated row by its average per request: 2 requests of 10,250 tokens fit 16,000', () => {
    const result = replay(
      [big({ requests: 2, inputTokens: 20_000, outputTokens: 500 })],
      [swap('big', 'small')],
    );
    // small: 20,000 × 1e6 + 500 × 2e6
    expect(scenarioOf(result)).toMatchObject({ costPico: 21_000_000_000n, excluded: { requests: 0 } });
  });

  it('leaves a request over the target maximum output (5,000 > 4,000) as it was', () => {
    const result = replay([big({ inputTokens: 100, outputTokens: 5_000 })], [swap('big', 'small')]);
    expect(scenarioOf(result).excluded.reasons.map((reason) => reason.reason)).toEqual([
      'big=small: output over the maximum output of openai/small (4000 tokens)',
    ]);
  });

  it('scales tokens by the tokenizer ratio: anthropic 1.2 × (1000 in, 500 out) = 1200 and 600 on claude-mid', () => {
    const result = replay([big({ inputTokens: 1000, outputTokens: 500 })], [swap('big', 'claude-mid')], {
      tokenizerRatios: tokenizerRatios({ anthropic: 1.2 }),
    });
    // 1200 × 3e6 + 600 × 15e6
    expect(scenarioOf(result).costPico).toBe(12_600_000_000n);
  });

  it('prices a scaled prompt in the target long-context tier: ratio 2 makes 80,000 tokens 160,000 > 150,000', () => {
    const result = replay([big({ inputTokens: 80_000, outputTokens: 100 })], [swap('big', 'claude-mid')], {
      tokenizerRatios: tokenizerRatios({ anthropic: 2 }),
    });
    // tier prices: 160,000 × 6e6 + 200 × 22.5e6
    expect(scenarioOf(result).costPico).toBe(964_500_000_000n);
  });

  it('turns cache reads into input on a target without cache prices', () => {
    const row = makeReplayRow({
      provider: 'anthropic',
      model: 'claude-mid',
      inputTokens: 1000,
      cacheReadTokens: 10_000,
      outputTokens: 100,
    });
    const result = replay([row], [swap('claude-mid', 'plain')]);
    // plain: (1000 + 10,000) × 2e6 + 100 × 4e6
    expect(scenarioOf(result).costPico).toBe(22_400_000_000n);
  });

  it('keeps cache reads as cache reads on a target with cache prices', () => {
    const row = makeReplayRow({
      provider: 'anthropic',
      model: 'claude-mid',
      inputTokens: 1000,
      cacheReadTokens: 10_000,
      outputTokens: 100,
    });
    const result = replay([row], [swap('claude-mid', 'big')]);
    // big: 1000 × 10e6 + 10,000 × 1e6 + 100 × 30e6
    expect(scenarioOf(result).costPico).toBe(23_000_000_000n);
  });

  it('matches the from glob on the stored model id (big-2025-01-01 by big*)', () => {
    const rows = [big({ model: 'big-2025-01-01', inputTokens: 1000 }), big({ inputTokens: 1000 })];
    const result = replay(rows, [swap('big-*', 'small')]);
    // only the dated row moves: 1000 × 1e6 + 1000 × 10e6
    expect(scenarioOf(result).costPico).toBe(11_000_000_000n);
  });

  it('refuses an unknown target with a suggestion', () => {
    const outcome = planReplay([{ name: 's', operations: [swap('big', 'smal')] }], settings());
    expect(outcome).toEqual({
      ok: false,
      problems: [
        'scenario "s": big=smal: "smal" is not a model of the price book (did you mean openai/small?)',
      ],
    });
  });
});

describe('replayUsage: route', () => {
  it('moves only requests matching the rule: input<2000 → small', () => {
    const rows = [big({ inputTokens: 1000 }), big({ inputTokens: 3000 })];
    const rule: RowCondition = { kind: 'size', measure: 'input', comparison: '<', tokens: 2000 };
    const result = replay(rows, [swap(null, 'small', rule)]);
    // 1000 × 1e6 (moved) + 3000 × 10e6 (kept)
    expect(scenarioOf(result).costPico).toBe(31_000_000_000n);
    expect(scenarioOf(result).effects).toEqual([
      {
        operation: '*=small',
        records: 1,
        requests: 1,
        beforePico: 10_000_000_000n,
        afterPico: 1_000_000_000n,
      },
    ]);
  });

  it('tests attributes: project=search and a tag', () => {
    const rows = [
      big({ inputTokens: 1000, project: 'search' }),
      big({ inputTokens: 1000, project: 'billing', tags: { job: 'nightly' } }),
      big({ inputTokens: 1000 }),
    ];
    const rule: RowCondition = {
      kind: 'attribute',
      dimension: 'project',
      pattern: 'search',
      isNegated: false,
    };
    const tagRule: RowCondition = {
      kind: 'attribute',
      dimension: 'tag:job',
      pattern: 'night*',
      isNegated: false,
    };
    const result = replay(rows, [swap(null, 'small', rule), swap(null, 'plain', tagRule)]);
    // search → small 1e9; nightly → plain 2e9; the third stays on big 1e10
    expect(scenarioOf(result).costPico).toBe(13_000_000_000n);
  });
});

describe('replayUsage: prompt caching', () => {
  it('reads 80% of a 10,000-token prompt and writes the rest at the 5-minute price', () => {
    const result = replay([big({ inputTokens: 10_000, outputTokens: 100 })], [cache(0.8)]);
    // baseline 10,000 × 10e6 + 100 × 30e6 = 1.03e11; cached 8000 × 1e6 + 2000 × 10e6 + 100 × 30e6 = 3.1e10
    expect(result.baseline.costPico).toBe(103_000_000_000n);
    expect(scenarioOf(result).costPico).toBe(31_000_000_000n);
  });

  it('writes at the 1-hour price with --cache 1h', () => {
    const row = makeReplayRow({ provider: 'anthropic', model: 'claude-mid', inputTokens: 10_000 });
    const result = replay([row], [cache(0.5, '1h')]);
    // 5000 × 0.3e6 + 5000 × 6e6
    expect(scenarioOf(result).costPico).toBe(31_500_000_000n);
  });

  it('caches the uncached input at the rate and keeps the reads a request already has', () => {
    const rows = [
      makeReplayRow({ provider: 'anthropic', model: 'claude-mid', inputTokens: 8000, cacheReadTokens: 2000 }),
      makeReplayRow({ provider: 'anthropic', model: 'claude-mid', inputTokens: 2000, cacheReadTokens: 8000 }),
    ];
    const result = replay(rows, [cache(0.5)]);
    // first: (2000 + 4000) × 0.3e6 + 4000 × 3.75e6 = 1.68e10; second: (8000 + 1000) × 0.3e6 + 1000 × 3.75e6
    // = 6.45e9, below its baseline 2000 × 3e6 + 8000 × 0.3e6 = 8.4e9: caching only ever grows
    expect(scenarioOf(result).costPico).toBe(23_250_000_000n);
    expect(scenarioOf(result).effects[0]).toMatchObject({ records: 2 });
  });

  it('uses the observed hit rate when asked', () => {
    const result = replay([big({ inputTokens: 10_000 })], [cache('observed')], {
      observedCacheHitRate: 0.25,
    });
    // 2500 × 1e6 + 7500 × 10e6
    expect(scenarioOf(result).costPico).toBe(77_500_000_000n);
  });

  it('lists prompts under the cacheable minimum and models without cache prices', () => {
    const rows = [
      big({ inputTokens: 500 }),
      makeReplayRow({ provider: 'acme', model: 'plain', inputTokens: 5000 }),
    ];
    const result = replay(rows, [cache(0.9)]);
    expect(scenarioOf(result).costPico).toBe(result.baseline.costPico);
    expect(scenarioOf(result).excluded.reasons.map((reason) => reason.reason)).toEqual([
      'cache 0.9: acme/plain has no prompt-cache prices',
      'cache 0.9: prompt under 1024 tokens per request, not cacheable',
    ]);
  });

  it('refuses an observed rate when the usage shows none', () => {
    const outcome = planReplay([{ name: 's', operations: [cache('observed')] }], settings());
    expect(outcome.ok).toBe(false);
  });
});

describe('replayUsage: batch', () => {
  it('moves half the requests to the batch price: 2.5e10 + (1.25e10 − 2.5e10) × 1/2', () => {
    const result = replay([big({ inputTokens: 1000, outputTokens: 500 })], [batch(1, 2)]);
    expect(scenarioOf(result).costPico).toBe(18_750_000_000n);
  });

  it('rounds the share once per row, half away from zero: 1/3 of a 3-pUSD saving', () => {
    // 1 output token on small: 2e6 pUSD; batch 1e6; a third of the 1e6 saving = 333,333.33… → 333,333
    const row = makeReplayRow({ provider: 'openai', model: 'small', outputTokens: 1 });
    expect(scenarioOf(replay([row], [batch(1, 3)])).costPico).toBe(1_666_667n);
  });

  it('keeps rows already batched and lists providers without a batch price', () => {
    const rows = [
      big({ inputTokens: 1000, isBatch: true }),
      makeReplayRow({ provider: 'acme', model: 'plain', inputTokens: 1000 }),
    ];
    const result = replay(rows, [batch(1, 1)]);
    expect(scenarioOf(result).costPico).toBe(result.baseline.costPico);
    expect(scenarioOf(result).excluded.reasons.map((reason) => reason.reason)).toEqual([
      'batch 1/1: no batch price for provider "acme" (model "plain")',
    ]);
  });

  it('applies only where its condition holds', () => {
    const nightly: RowCondition = {
      kind: 'attribute',
      dimension: 'tag:job',
      pattern: 'nightly',
      isNegated: false,
    };
    const rows = [big({ inputTokens: 1000, tags: { job: 'nightly' } }), big({ inputTokens: 1000 })];
    // 1000 × 10e6 / 2 + 1000 × 10e6
    expect(scenarioOf(replay(rows, [batch(1, 1, nightly)])).costPico).toBe(15_000_000_000n);
  });
});

describe('replayUsage: tiers and price lists', () => {
  const flexHalf: PriceOverride = {
    name: 'flex',
    scope: { kind: 'provider', provider: 'openai' },
    serviceTier: 'flex',
    multiplier: { numerator: 1, denominator: 2 },
    fromMs: null,
    toMs: null,
  };

  it('bills a tier where an override prices it', () => {
    const operations: ScenarioOperation[] = [{ kind: 'tier', label: 'tier flex', tier: 'flex', when: null }];
    const result = replay([big({ inputTokens: 1000 })], operations, { overrides: [flexHalf] });
    expect(scenarioOf(result).costPico).toBe(5_000_000_000n);
  });

  it('says so when no price exists for the tier', () => {
    const outcome = planReplay(
      [{ name: 's', operations: [{ kind: 'tier', label: '--tier priority', tier: 'priority', when: null }] }],
      settings(),
    );
    expect(outcome.ok ? [] : outcome.problems[0]).toMatch(
      /no "priority" prices: the price book prices the standard tier only/,
    );
  });

  it('prices with another book, and keeps (and lists) what it cannot price', () => {
    const cheaper = {
      ...REPLAY_BOOK,
      models: {
        'openai/big': REPLAY_BOOK.models['openai/big'] ?? fail(),
        'openai/small': REPLAY_BOOK.models['openai/small'] ?? fail(),
      },
    };
    const halfOff: PriceOverride = { ...flexHalf, name: 'deal' };
    delete (halfOff as { serviceTier?: string }).serviceTier;
    const operations: ScenarioOperation[] = [
      { kind: 'prices', label: '--price-book deal.json', book: cheaper, overrides: [halfOff] },
    ];
    const rows = [
      big({ inputTokens: 1000 }),
      makeReplayRow({ provider: 'acme', model: 'plain', inputTokens: 1000 }),
    ];
    const result = replay(rows, operations);
    // big at half price 5e9; plain unknown to that book: kept at 2e9
    expect(scenarioOf(result).costPico).toBe(7_000_000_000n);
    expect(scenarioOf(result).excluded.requests).toBe(1);
  });
});

describe('replayUsage: totals', () => {
  it('counts unpriced usage apart and never as zero', () => {
    const rows = [
      big({ inputTokens: 1000 }),
      makeReplayRow({ provider: 'nobody', model: 'mystery', inputTokens: 9, requests: 3 }),
    ];
    const result = replay(rows, [swap('big', 'small')]);
    expect(result.baseline).toMatchObject({
      costPico: 10_000_000_000n,
      records: 1,
      unpriced: {
        records: 1,
        requests: 3,
        reasons: [{ reason: 'no price for model "mystery" (provider "nobody")' }],
      },
    });
  });

  it('combines operations in order: swap, then cache on the target, then batch', () => {
    const result = replay(
      [big({ inputTokens: 10_000, outputTokens: 1000 })],
      [swap('big', 'claude-mid'), cache(0.5), batch(1, 1)],
    );
    // claude-mid with caching: 5000 × 0.3e6 + 5000 × 3.75e6 + 1000 × 15e6 = 3.525e10; all batch: ÷ 2
    expect(scenarioOf(result).costPico).toBe(17_625_000_000n);
    expect(scenarioOf(result).effects.map((effect) => [effect.operation, effect.afterPico])).toEqual([
      ['big=claude-mid', 45_000_000_000n],
      ['cache 0.5', 35_250_000_000n],
      ['batch 1/1', 17_625_000_000n],
    ]);
  });

  it('gives the same cost for rows summed into one as for the rows one by one (same class)', () => {
    const single = [
      big({ inputTokens: 1000, outputTokens: 10 }),
      big({ inputTokens: 3000, outputTokens: 30 }),
    ];
    const summed = [big({ inputTokens: 4000, outputTokens: 40, requests: 2, records: 2 })];
    const operations = [swap('big', 'claude-mid'), batch(1, 1)];
    expect(scenarioOf(replay(summed, operations)).costPico).toBe(
      scenarioOf(replay(single, operations)).costPico,
    );
  });

  it('breaks costs down so each breakdown sums to the totals', () => {
    const rows = [
      big({ inputTokens: 1000, occurredAtMs: Date.parse('2026-11-01T10:00:00Z') }),
      makeReplayRow({
        provider: 'openai',
        model: 'small',
        inputTokens: 5000,
        occurredAtMs: Date.parse('2026-11-02T10:00:00Z'),
      }),
      big({ inputTokens: 2000, occurredAtMs: Date.parse('2026-11-02T23:00:00Z') }),
    ];
    const result = replay(rows, [swap('big', 'small')]);
    for (const breakdown of result.breakdowns) {
      expect(breakdown.rows.reduce((sum, row) => sum + row.baselinePico, 0n)).toBe(result.baseline.costPico);
      expect(breakdown.rows.reduce((sum, row) => sum + (row.scenarioPico[0] ?? 0n), 0n)).toBe(
        scenarioOf(result).costPico,
      );
    }
    expect(result.breakdowns[1]?.rows.map((row) => [row.key, row.baselinePico])).toEqual([
      ['2026-11-01', 10_000_000_000n],
      ['2026-11-02', 25_000_000_000n],
    ]);
  });
});

function fail(): never {
  throw new Error('missing model in the test book');
}
