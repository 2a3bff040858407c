import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../src/optimizer/strategies/candidate.ts';
import { adaptiveWeights, budgetPressure } from '../../src/optimizer/strategies/budget-pressure.ts';
import {
  chooseModel,
  effectiveWeights,
  strategyWeights,
} from '../../src/optimizer/strategies/choose-model.ts';
import { scoreCandidates } from '../../src/optimizer/strategies/score-candidates.ts';
import { DEFAULT_BALANCED_WEIGHTS } from '../../src/optimizer/strategies/strategy.ts';
import type { ScoreSource } from '../../src/optimizer/scores/model-scores.ts';

const ARENA: ScoreSource = {
  id: 'arena',
  metric: 'arena-score',
  title: 'test arena',
  url: 'https://example.test',
  readFrom: 'https://example.test',
  dataDate: '2026-01-01',
  retrievedDate: '2026-01-02',
  note: '',
};
const TTFT: ScoreSource = { ...ARENA, id: 'ttft', metric: 'ttft-ms' };

/** A candidate rated `delta` arena points against the current model (null: unknown quality). */
function candidate(
  model: string,
  costPico: bigint | null,
  delta: number | null,
  ttftMs: number | null,
  extra: Partial<Candidate> = {},
): Candidate {
  return {
    model,
    isCurrent: false,
    costPico,
    excludedRequests: 0,
    quality:
      delta === null
        ? null
        : {
            source: ARENA,
            baselineScore: 1300,
            candidateScore: 1300 + delta,
            deltaPoints: delta,
            winProbability: 1 / (1 + 10 ** (-delta / 400)),
          },
    latency: ttftMs === null ? null : { ttftMs, source: TTFT },
    observedErrorShare: null,
    observedTtft: null,
    ...extra,
  };
}

describe('scoreCandidates', () => {
  it('normalises each component to the best candidate and weights them (hand-computed)', () => {
    // Current: $1 (10^12 pico), 800 ms, 10% of its requests failed; candidate: $0.25, 400 ms, −50 points.
    const current = candidate('a', 1_000_000_000_000n, 0, 800, { isCurrent: true, observedErrorShare: 0.1 });
    const cheaper = candidate('b', 250_000_000_000n, -50, 400);
    const [a, b] = scoreCandidates([current, cheaper], DEFAULT_BALANCED_WEIGHTS);
    // cost: 0.25/1 = 0.25 and 1; performance: 400/800 × 0.9 = 0.45 and 1;
    // quality: P(b preferred) = 1/(1+10^(50/400)) = 0.428537, over the best P (a's 0.5) = 0.857074.
    expect(a).toMatchObject({ cost: 0.25, performance: 0.45, quality: 1 });
    expect(a?.total).toBeCloseTo(0.535, 9);
    expect(b?.cost).toBe(1);
    expect(b?.performance).toBe(1);
    expect(b?.quality).toBeCloseTo(0.857074, 6);
    // 0.4 × 1 + 0.3 × 1 + 0.3 × 0.857074
    expect(b?.total).toBeCloseTo(0.957122, 6);
  });

  it('leaves the total unknown when a weighted component is unknown, not when its weight is 0', () => {
    const [noLatency] = scoreCandidates(
      [candidate('a', 10n, 0, null, { isCurrent: true })],
      DEFAULT_BALANCED_WEIGHTS,
    );
    expect(noLatency?.total).toBeNull();
    const [costOnly] = scoreCandidates([candidate('a', 10n, 0, null, { isCurrent: true })], {
      cost: 1,
      performance: 0,
      quality: 0,
    });
    expect(costOnly?.total).toBe(1);
  });

  it('scores a free candidate 1 on cost', () => {
    const scores = scoreCandidates(
      [candidate('a', 10n, 0, null, { isCurrent: true }), candidate('b', 0n, 0, null)],
      strategyWeights('cost', DEFAULT_BALANCED_WEIGHTS),
    );
    expect(scores.map((score) => score.cost)).toEqual([0, 1]);
  });
});

describe('chooseModel', () => {
  const current = candidate('openai/current', 1_000n, 0, 800, { isCurrent: true });

  it('cost: the cheapest candidate within the quality floor', () => {
    const choice = chooseModel(
      [
        current,
        candidate('openai/too-weak', 300n, -80, 400),
        candidate('openai/ok', 500n, -20, null),
        candidate('openai/unrated', 100n, null, 300),
        candidate('openai/dearer', 2_000n, 40, 300),
      ],
      { strategy: 'cost', weights: strategyWeights('cost', DEFAULT_BALANCED_WEIGHTS), maxQualityDrop: 50 },
    );
    expect(choice.pick.model).toBe('openai/ok');
    expect(choice.candidates.map((row) => [row.model, row.ineligibility])).toEqual([
      ['openai/ok', null],
      ['openai/current', null],
      ['openai/dearer', null],
      ['openai/unrated', 'quality-unknown'],
      ['openai/too-weak', 'quality-drop'],
    ]);
  });

  it('balanced: the best weighted total; a candidate without a latency figure is not eligible', () => {
    // current: cost 0.5 (500/1000), perf 0.5 (400/800), quality 1 → 0.2 + 0.15 + 0.3 = 0.65
    // fast: cost 1, perf 1, quality P(−40) = 1/(1+10^0.1) = 0.442688, /0.5 = 0.885376 → 0.4 + 0.3 + 0.265613 = 0.965613
    const choice = chooseModel(
      [current, candidate('openai/fast', 500n, -40, 400), candidate('openai/no-latency', 100n, 0, null)],
      { strategy: 'balanced', weights: DEFAULT_BALANCED_WEIGHTS, maxQualityDrop: 50 },
    );
    expect(choice.pick.model).toBe('openai/fast');
    expect(choice.pick.scores.total).toBeCloseTo(0.965613, 5);
    expect(choice.candidates.find((row) => row.isCurrent)?.scores.total).toBeCloseTo(0.65, 9);
    expect(choice.candidates.at(-1)).toMatchObject({
      model: 'openai/no-latency',
      ineligibility: 'latency-unknown',
    });
  });

  it('performance: latency and quality decide, whatever the cost', () => {
    const choice = chooseModel(
      [
        current,
        candidate('openai/cheap-slow', 10n, 0, 1_600),
        candidate('openai/dear-fast', 9_000n, 10, 400),
      ],
      {
        strategy: 'performance',
        weights: strategyWeights('performance', DEFAULT_BALANCED_WEIGHTS),
        maxQualityDrop: 50,
      },
    );
    expect(choice.pick.model).toBe('openai/dear-fast');
  });

  it('keeps the current model when its quality is unknown (nothing can be compared with it)', () => {
    const unrated = candidate('openai/current', 1_000n, null, 800, { isCurrent: true });
    const choice = chooseModel([unrated, candidate('openai/other', 10n, null, 100)], {
      strategy: 'cost',
      weights: strategyWeights('cost', DEFAULT_BALANCED_WEIGHTS),
      maxQualityDrop: 50,
    });
    expect(choice.pick.model).toBe('openai/current');
  });

  it('keeps the current model when its own cost is unknown', () => {
    const unpriced = candidate('openai/current', null, 0, 800, { isCurrent: true });
    const choice = chooseModel([unpriced, candidate('openai/other', 10n, 0, 100)], {
      strategy: 'balanced',
      weights: DEFAULT_BALANCED_WEIGHTS,
      maxQualityDrop: 50,
    });
    expect(choice.pick.model).toBe('openai/current');
    expect(choice.candidates[1]?.ineligibility).toBe('current-unpriced');
  });
});

describe('observed latency', () => {
  const observed = (medianMs: number) => ({ observedTtft: { requests: 20, medianMs, p95Ms: medianMs * 2 } });
  const balanced = { strategy: 'balanced' as const, weights: DEFAULT_BALANCED_WEIGHTS, maxQualityDrop: 50 };

  it('compares observed medians when every compared candidate has one (published ignored)', () => {
    // Published: current 800, other 400. Observed: current 300, other 600 → performance 1 and 0.5.
    const choice = chooseModel(
      [
        candidate('openai/current', 1_000n, 0, 800, { isCurrent: true, ...observed(300) }),
        candidate('openai/other', 1_000n, 0, 400, observed(600)),
        // Below the quality floor: not compared, so its missing observation does not matter.
        candidate('openai/weak', 1n, -90, 100),
      ],
      balanced,
    );
    expect(choice.latencyBasis).toBe('observed');
    const scores = new Map(choice.candidates.map((row) => [row.model, row.scores.performance]));
    expect(scores.get('openai/current')).toBe(1);
    expect(scores.get('openai/other')).toBe(0.5);
    expect(choice.pick.model).toBe('openai/current');
  });

  it('compares published figures for all when one compared candidate has no observation', () => {
    const choice = chooseModel(
      [
        candidate('openai/current', 1_000n, 0, 800, { isCurrent: true, ...observed(300) }),
        candidate('openai/other', 1_000n, 0, 400),
      ],
      balanced,
    );
    expect(choice.latencyBasis).toBe('published');
    const scores = new Map(choice.candidates.map((row) => [row.model, row.scores.performance]));
    expect(scores.get('openai/current')).toBe(0.5);
    expect(scores.get('openai/other')).toBe(1);
  });

  it('lets observed medians score models no source publishes a TTFT for', () => {
    const choice = chooseModel(
      [
        candidate('openai/current', 1_000n, 0, null, { isCurrent: true, ...observed(900) }),
        candidate('openai/other', 1_000n, 0, null, observed(450)),
      ],
      balanced,
    );
    expect(choice.latencyBasis).toBe('observed');
    expect(choice.weights.performance).toBeCloseTo(0.3, 12);
    expect(choice.pick.model).toBe('openai/other');
    expect(choice.pick.scores.performance).toBe(1);
  });
});

describe('effectiveWeights', () => {
  it('drops components unknown for the current model and rescales the rest to sum 1', () => {
    const weights = effectiveWeights(
      DEFAULT_BALANCED_WEIGHTS,
      candidate('a', 1n, 0, null, { isCurrent: true }),
    );
    expect(weights.cost).toBeCloseTo(0.4 / 0.7, 12);
    expect(weights.performance).toBe(0);
    expect(weights.quality).toBeCloseTo(0.3 / 0.7, 12);
  });
});

describe('adaptive weights', () => {
  it.each([
    [[], 0],
    [[0.3], 0],
    [[0.5], 0],
    [[0.75], 0.5],
    [[0.6, 0.9], 0.8],
    [[1], 1],
    [[1.4], 1],
  ])('pressure of projected utilizations %j is %d', (utilizations, expected) => {
    const outlooks = utilizations.map((projectedUtilization, index) => ({
      name: `b${index}`,
      projectedUtilization,
    }));
    expect(budgetPressure(outlooks)).toBeCloseTo(expected, 12);
  });

  it('moves the balanced weights towards cost alone: half pressure gives (0.7, 0.15, 0.15)', () => {
    const weights = adaptiveWeights(DEFAULT_BALANCED_WEIGHTS, 0.5);
    expect(weights.cost).toBeCloseTo(0.7, 12);
    expect(weights.performance).toBeCloseTo(0.15, 12);
    expect(weights.quality).toBeCloseTo(0.15, 12);
    expect(adaptiveWeights(DEFAULT_BALANCED_WEIGHTS, 0)).toEqual(DEFAULT_BALANCED_WEIGHTS);
    expect(adaptiveWeights(DEFAULT_BALANCED_WEIGHTS, 1)).toEqual({ cost: 1, performance: 0, quality: 0 });
  });
});
