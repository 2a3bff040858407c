import { describe, expect, it } from 'vitest';
import type { BudgetVerdict } from '../../src/analysis/evaluate-budget.ts';
import type { ReplayPlan } from '../../src/optimizer/plan-replay.ts';
import { findBatchable, isOffHours } from '../../src/optimizer/recommendations/find-batchable.ts';
import { findBudgetAdjustments } from '../../src/optimizer/recommendations/find-budget-adjustments.ts';
import { findCaching } from '../../src/optimizer/recommendations/find-caching.ts';
import {
  findOversizedPrompts,
  trimPrompt,
} from '../../src/optimizer/recommendations/find-oversized-prompts.ts';
import { findProviderConsolidations } from '../../src/optimizer/recommendations/find-provider-consolidation.ts';
import { MONTH_MS, priceProposals } from '../../src/optimizer/recommendations/price-proposals.ts';
import type { Proposal } from '../../src/optimizer/recommendations/proposal.ts';
import { sameModel } from '../../src/optimizer/recommendations/proposal.ts';
import {
  undoScenario,
  verifyRecommendation,
} from '../../src/optimizer/recommendations/verify-recommendation.ts';
import type { ReplayRow } from '../../src/optimizer/replay-row.ts';
import type { Scenario } from '../../src/optimizer/scenario.ts';
import { groupWorkloads } from '../../src/optimizer/workloads/group-workloads.ts';
import { createModelResolver } from '../../src/pricing/create-model-resolver.ts';
import { makeReplayRow } from '../helpers/make-replay-row.ts';
import { planOverReplayBook, REPLAY_BOOK } from '../helpers/replay-book.ts';

// helpers/replay-book.ts: 1 token at $1 per 1M tokens = 1,000,000 pico-USD. openai/big: $10 in, $30 out,
// 100k window; openai/small: $1 in, $2 out; both with a 50% batch discount.
const DAY_MS = 86_400_000;
const TEN_DAYS = { startMs: Date.parse('2026-11-01T00:00:00Z'), endMs: Date.parse('2026-11-11T00:00:00Z') };

const plan = (scenarios: readonly Scenario[]): ReplayPlan => planOverReplayBook(scenarios);

const swapTo = (to: string): Scenario => ({
  name: `to ${to}`,
  operations: [{ kind: 'model', label: `→ ${to}`, from: null, when: null, to }],
});

function proposal(rows: readonly ReplayRow[], replay: Proposal['replay']): Proposal {
  return {
    change: {
      kind: 'model-downgrade',
      scope: { workload: 'w' },
      parameters: { from: 'openai/big', to: 'openai/small' },
    },
    title: 't',
    rationale: 'r',
    confidence: 'low',
    effort: 'easy',
    qualityImpact: sameModel('none'),
    rows,
    replay,
  };
}

// One request: 1,000 input and 100 output tokens. On big: 1,000 × $10/1M + 100 × $30/1M = $0.013;
// on small: 1,000 × $1/1M + 100 × $2/1M = $0.0012.
const SMALL_REQUEST = makeReplayRow({
  provider: 'openai',
  model: 'big',
  inputTokens: 1_000,
  outputTokens: 100,
});

describe('priceProposals', () => {
  it('replays a scenario proposal and scales the saving to a 30.4375-day month (hand-computed)', () => {
    const [priced] = priceProposals(
      [proposal([SMALL_REQUEST], { kind: 'scenario', scenario: swapTo('openai/small') })],
      plan([swapTo('openai/small')]),
      TEN_DAYS,
      'UTC',
    );
    expect(priced?.baselineCostPico).toBe(13_000_000_000n);
    expect(priced?.scenarioCostPico).toBe(1_200_000_000n);
    // $0.0118 over 10 days × 30.4375 / 10 = $0.03591625
    expect(priced?.monthlySavingsPico).toBe(35_916_250_000n);
    expect(priced?.id).toMatch(/^rec-[0-9a-f]{8}$/);
  });

  it('prices transformed rows with the same replay, and drops proposals that save nothing', () => {
    const near = makeReplayRow({ provider: 'openai', model: 'big', inputTokens: 90_000 });
    const priced = priceProposals(
      [
        proposal([near], { kind: 'transform', transform: (row) => trimPrompt(row, 50_000) }),
        proposal([SMALL_REQUEST], { kind: 'transform', transform: (row) => row }),
      ],
      plan([]),
      TEN_DAYS,
      'UTC',
    );
    // 90,000 → 50,000 input tokens at $10/1M: $0.90 → $0.50
    expect(priced.map((row) => [row.baselineCostPico, row.scenarioCostPico])).toEqual([
      [900_000_000_000n, 500_000_000_000n],
    ]);
  });
});

describe('finders', () => {
  it('batch: proposes only the off-hours requests of work that mostly runs at night', () => {
    // Hours after 2026-11-02 00:00 UTC: 00:00–05:00 and 22:00–03:00 the next night.
    const night = [0, 1, 2, 3, 4, 5, 22, 23, 24, 25, 26, 27].map((hours) =>
      makeReplayRow({
        provider: 'openai',
        model: 'big',
        project: 'etl',
        inputTokens: 1_000,
        occurredAtMs: Date.parse('2026-11-02T00:00:00Z') + hours * 3_600_000,
      }),
    );
    const day = makeReplayRow({ provider: 'openai', model: 'big', project: 'etl', inputTokens: 1_000 });
    const workloads = groupWorkloads([...night, day], 'project');
    const [found] = findBatchable(workloads, () => true, 'UTC', 'project');
    expect(found?.rows).toEqual(night);
    expect(findBatchable(workloads, () => false, 'UTC', 'project')).toEqual([]);
  });

  it.each([
    ['21:59', false],
    ['22:00', true],
    ['05:59', true],
    ['06:00', false],
  ])('off hours at %s UTC: %s', (clock, expected) => {
    expect(isOffHours(Date.parse(`2026-11-02T${clock}:00Z`), 'UTC')).toBe(expected);
  });

  it('caching: long uncached prompts on a provider whose cached usage shows repetition', () => {
    const workloads = groupWorkloads(
      [makeReplayRow({ provider: 'anthropic', model: 'claude-mid', project: 'review', inputTokens: 3_000 })],
      'project',
    );
    expect(findCaching(workloads, new Map([['anthropic', 0.8]]), 1024, 'project')).toHaveLength(1);
    expect(findCaching(workloads, new Map([['anthropic', 0.05]]), 1024, 'project')).toEqual([]);
    expect(findCaching(workloads, new Map(), 1024, 'project')).toEqual([]);
    expect(findCaching(workloads, new Map([['anthropic', 0.8]]), 4_000, 'project')).toEqual([]);
  });

  it('trim: requests at 80% of the window or more, cut to half of it from the uncached input', () => {
    const rows = [
      makeReplayRow({
        provider: 'openai',
        model: 'big',
        project: 'docs',
        inputTokens: 70_000,
        cacheReadTokens: 15_000,
      }),
      makeReplayRow({ provider: 'openai', model: 'big', project: 'docs', inputTokens: 20_000 }),
    ];
    const [found] = findOversizedPrompts(groupWorkloads(rows, 'project'), () => 100_000, 'project');
    expect(found?.rows).toEqual([rows[0]]);
    // 85,000 prompt tokens to 50,000: 35,000 fewer uncached input tokens, the cache reads untouched
    expect(trimPrompt(rows[0] as ReplayRow, 50_000)).toMatchObject({
      inputTokens: 35_000,
      cacheReadTokens: 15_000,
    });
    expect(findOversizedPrompts(groupWorkloads(rows, 'project'), () => null, 'project')).toEqual([]);
  });

  it('consolidation: one model through two providers gives a proposal per target', () => {
    const resolver = createModelResolver(REPLAY_BOOK);
    const rows = [
      makeReplayRow({ provider: 'openai', model: 'big' }),
      makeReplayRow({ provider: 'acme', model: 'plain' }),
    ];
    const sameWeights = (provider: string, model: string) =>
      model === 'plain' ? 'openai/big' : resolver(provider, model);
    const found = findProviderConsolidations(rows, sameWeights, resolver, () => false);
    expect(found.map((entry) => entry.change.parameters)).toEqual([
      { to: 'acme/plain', from: 'openai/big' },
      { to: 'openai/big', from: 'acme/plain' },
    ]);
    expect(findProviderConsolidations(rows, resolver, resolver, () => false)).toEqual([]);
    // Never to a retired key: only the move away from it is left.
    const retired = findProviderConsolidations(rows, sameWeights, resolver, (key) => key === 'acme/plain');
    expect(retired.map((entry) => entry.change.parameters)).toEqual([
      { to: 'openai/big', from: 'acme/plain' },
    ]);
  });

  it('budgets: raise one projected over its amount, lower one far under it for three periods', () => {
    const verdict = (name: string, amountUsd: number, projectedUsd: number, pastSpentUsd: number[]) =>
      ({
        budget: { name },
        currency: 'USD',
        amountPico: BigInt(amountUsd) * 1_000_000_000_000n,
        spentPico: 0n,
        asOfMs: TEN_DAYS.endMs,
        window: { startMs: TEN_DAYS.startMs, endMs: TEN_DAYS.startMs + 30 * DAY_MS },
        projection: { projected: projectedUsd },
        history: pastSpentUsd.map((spent) => ({
          amountPico: BigInt(amountUsd) * 1_000_000_000_000n,
          spentPico: BigInt(spent) * 1_000_000_000_000n,
        })),
      }) as unknown as BudgetVerdict;
    const found = findBudgetAdjustments([
      verdict('over', 100, 130, []),
      verdict('idle', 100, 20, [10, 30, 25]),
      verdict('busy-once', 100, 20, [10, 60]),
      verdict('fine', 100, 80, [70, 90]),
    ]);
    expect(found.map((entry) => entry.title)).toEqual([
      'Raise budget over to 130 USD, or act on the savings above',
      'Lower budget idle to 30 USD',
    ]);
  });
});

describe('verifyRecommendation', () => {
  const after = [
    makeReplayRow({ provider: 'openai', model: 'small', inputTokens: 1_000, outputTokens: 100 }),
  ];
  const change = {
    kind: 'model-downgrade' as const,
    scope: { workload: 'w' },
    parameters: { from: 'openai/big', to: 'openai/small' },
  };

  it('replays the usage since back on the replaced model (hand-computed)', () => {
    const undo = undoScenario(change);
    const verification = verifyRecommendation(
      change,
      { monthlySavingsPico: 30_437_500_000n, baselineCostPico: 0n, baselineRequests: 0 },
      after,
      plan(undo === null ? [] : [undo]),
      TEN_DAYS,
      'UTC',
    );
    // actual $0.0012 on small; on big it would have been $0.013: $0.0118 saved;
    // predicted $0.0304375 a month × 10 / 30.4375 days = $0.01
    expect(verification.actualCostPico).toBe(1_200_000_000n);
    expect(verification.counterfactualCostPico).toBe(13_000_000_000n);
    expect(verification.realizedSavingsPico).toBe(11_800_000_000n);
    expect(verification.predictedSavingsPico).toBe(10_000_000_000n);
    expect(verification.ratio).toBeCloseTo(1.18, 9);
    expect(TEN_DAYS.endMs - TEN_DAYS.startMs).toBe((10 * MONTH_MS) / 30.4375);
  });

  it('bills cache reads as input for caching, and standard prices for batch', () => {
    const cached = [
      makeReplayRow({ provider: 'openai', model: 'big', inputTokens: 200, cacheReadTokens: 800 }),
    ];
    const caching = verifyRecommendation(
      { kind: 'enable-caching', scope: {}, parameters: {} },
      { monthlySavingsPico: 0n, baselineCostPico: 0n, baselineRequests: 0 },
      cached,
      plan([]),
      TEN_DAYS,
      'UTC',
    );
    // 200 × $10 + 800 × $1 (cache read) = $0.0028 actual; 1,000 × $10 = $0.01 without caching
    expect([caching.actualCostPico, caching.counterfactualCostPico]).toEqual([
      2_800_000_000n,
      10_000_000_000n,
    ]);
    const batched = [makeReplayRow({ provider: 'openai', model: 'big', inputTokens: 1_000, isBatch: true })];
    const batch = verifyRecommendation(
      { kind: 'move-to-batch', scope: {}, parameters: {} },
      { monthlySavingsPico: 0n, baselineCostPico: 0n, baselineRequests: 0 },
      batched,
      plan([]),
      TEN_DAYS,
      'UTC',
    );
    expect([batch.actualCostPico, batch.counterfactualCostPico]).toEqual([5_000_000_000n, 10_000_000_000n]);
    expect(batch.ratio).toBeNull();
  });

  it('estimates trimmed prompts from the cost per request before the change', () => {
    const verification = verifyRecommendation(
      { kind: 'trim-prompts', scope: {}, parameters: {} },
      { monthlySavingsPico: 0n, baselineCostPico: 900_000_000_000n, baselineRequests: 3 },
      [makeReplayRow({ provider: 'openai', model: 'big', inputTokens: 50_000, requests: 2, records: 2 })],
      plan([]),
      TEN_DAYS,
      'UTC',
    );
    // $0.90 / 3 requests × 2 requests since = $0.60; actual 50,000 × $10/1M = $0.50
    expect(verification.counterfactualCostPico).toBe(600_000_000_000n);
    expect(verification.realizedSavingsPico).toBe(100_000_000_000n);
  });
});
