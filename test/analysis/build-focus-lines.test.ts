import { describe, expect, it, vi } from 'vitest';
import { buildFocusLines, type FocusLineSources } from '../../src/analysis/build-focus-lines.ts';
import type { CostedUsage } from '../../src/model/costed-usage.ts';
import { ZERO_TOKENS } from '../../src/model/usage-record.ts';
import type { UnitListPrices } from '../../src/pricing/create-unit-list-pricer.ts';

const DAY = Date.parse('2026-11-02T00:00:00Z');
const DAY_MS = 86_400_000;

function usage(overrides: Partial<CostedUsage> = {}): CostedUsage {
  return {
    ...ZERO_TOKENS,
    dayStartMs: DAY,
    occurredAtMs: DAY + 3_600_000,
    provider: 'openai',
    model: 'gpt-4o',
    project: 'search',
    team: null,
    user: null,
    apiKey: null,
    workspace: null,
    tagsJson: null,
    requests: 1,
    webSearchRequests: 0,
    isBatch: false,
    serviceTier: null,
    pricedModel: 'openai/gpt-4o',
    priceLayer: 'catalogue',
    costPico: 0n,
    bookCostPico: 0n,
    ...overrides,
  };
}

// gpt-4o-like unit prices, pico-USD per token: $2.50 in, $1.25 cached, $10 out per 1M.
const PRICES: UnitListPrices = {
  input: 2_500_000n,
  cacheRead: 1_250_000n,
  cacheWrite5m: 2_500_000n,
  cacheWrite1h: 2_500_000n,
  output: 10_000_000n,
  webSearch: 10_000_000_000n,
  requestFee: 0n,
};

function sources(overrides: Partial<FocusLineSources> = {}): FocusLineSources {
  return {
    fromMs: null,
    toMs: DAY + 10 * DAY_MS,
    unitListPrices: () => PRICES,
    listWithoutOverrides: () => null,
    partiesOf: () => ({ providerName: 'OpenAI', publisherName: 'OpenAI' }),
    costCenterOf: () => null,
    ...overrides,
  };
}

const lines = (records: readonly CostedUsage[], overrides: Partial<FocusLineSources> = {}) => [
  ...buildFocusLines(records, sources(overrides)),
];

describe('buildFocusLines', () => {
  it('splits a group over its token classes by list price, adding up exactly', () => {
    // 1000 in ($0.0025) + 400 cached ($0.0005) + 500 out ($0.005) = $0.008 at list; batch halves it.
    const result = lines([
      usage({
        inputTokens: 1000,
        cacheReadTokens: 400,
        outputTokens: 500,
        costPico: 4_000_000_001n,
        bookCostPico: 4_000_000_001n,
      }),
    ]);
    expect(result.map((line) => [line.lineClass, line.consumedQuantity, line.costPico])).toEqual([
      ['input', 1000n, 1_250_000_000n],
      ['cache-read', 400n, 250_000_000n],
      ['output', 500n, 2_500_000_001n],
    ]);
    expect(result.reduce((sum, line) => sum + line.costPico, 0n)).toBe(4_000_000_001n);
  });

  it('keeps the three amounts apart: cost mode, contracted (stored) and list (without overrides)', () => {
    const result = lines(
      [
        // Priced by an override at 80% of list: contracted 0.8, list from the book 1.0, billed as stated.
        usage({ inputTokens: 1000, costPico: 700n, bookCostPico: 800n, priceLayer: 'override' }),
        // The book has no price: contracted and list fall back to the cost mode's cost.
        usage({ inputTokens: 1000, costPico: 300n, bookCostPico: null, priceLayer: null }),
      ],
      { listWithoutOverrides: () => 1000n },
    );
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ costPico: 1000n, contractedPico: 1100n, listPico: 1300n });
  });

  it('uses the contracted cost as list where only an override prices the usage', () => {
    const result = lines([
      usage({ inputTokens: 10, costPico: 5n, bookCostPico: 5n, priceLayer: 'override' }),
    ]);
    expect(result[0]).toMatchObject({ contractedPico: 5n, listPico: 5n });
  });

  it('sums one line per allocation key, tags in any order being the same tags', () => {
    const result = lines([
      usage({ inputTokens: 1, costPico: 1n, tagsJson: '{"env":"prod","feature":"chat"}' }),
      usage({ inputTokens: 2, costPico: 2n, tagsJson: '{"feature":"chat","env":"prod"}' }),
      usage({ inputTokens: 4, costPico: 4n, tagsJson: '{"env":"dev"}' }),
      usage({ inputTokens: 8, costPico: 8n, user: 'ada', tagsJson: '{"env":"dev"}' }),
    ]);
    expect(
      result.map((line) => [line.key.user, line.key.tags, line.consumedQuantity, line.costPico]),
    ).toEqual([
      // Sorted by the key as JSON: a value ("ada") before null.
      ['ada', { env: 'dev' }, 8n, 8n],
      [null, { env: 'dev' }, 4n, 4n],
      [null, { env: 'prod', feature: 'chat' }, 3n, 3n],
    ]);
  });

  it('starts a new block per UTC day, provider and model', () => {
    const result = lines([
      usage({ inputTokens: 1, costPico: 1n }),
      usage({ inputTokens: 2, costPico: 2n, model: 'gpt-4o-mini' }),
      usage({ inputTokens: 4, costPico: 4n, dayStartMs: DAY + DAY_MS, occurredAtMs: DAY + DAY_MS }),
    ]);
    expect(result.map((line) => [line.key.model, line.chargePeriodStartMs, line.consumedQuantity])).toEqual([
      ['gpt-4o', DAY, 1n],
      ['gpt-4o-mini', DAY, 2n],
      ['gpt-4o', DAY + DAY_MS, 4n],
    ]);
  });

  it('clips the charge period to the range (whole seconds) and bills by UTC month', () => {
    const december31 = Date.parse('2026-12-31T00:00:00Z');
    const [line] = lines([usage({ inputTokens: 1, costPico: 1n, dayStartMs: december31 })], {
      fromMs: december31 + 5_400_500,
      toMs: december31 + 7_200_250,
    });
    expect(line).toMatchObject({
      chargePeriodStartMs: Date.parse('2026-12-31T01:30:00Z'),
      chargePeriodEndMs: Date.parse('2026-12-31T02:00:01Z'),
      billingPeriodStartMs: Date.parse('2026-12-01T00:00:00Z'),
      billingPeriodEndMs: Date.parse('2027-01-01T00:00:00Z'),
    });
  });

  it('splits by tokens where the book has no price, and by searches where there are no tokens', () => {
    const byTokens = lines([usage({ inputTokens: 1, outputTokens: 3, webSearchRequests: 2, costPico: 8n })], {
      unitListPrices: () => null,
    });
    expect(byTokens.map((line) => [line.lineClass, line.costPico])).toEqual([
      ['input', 2n],
      ['output', 6n],
      ['web-search', 0n],
    ]);
    const bySearches = lines([usage({ webSearchRequests: 2, costPico: 8n })], { unitListPrices: () => null });
    expect(bySearches.map((line) => [line.lineClass, line.consumedQuantity, line.costPico])).toEqual([
      ['web-search', 2n, 8n],
    ]);
  });

  it('gives a per-request fee its own line only where the model has one', () => {
    const record = usage({ inputTokens: 100, requests: 4, costPico: 250_000_000n + 400_000_000n });
    expect(lines([record]).map((line) => line.lineClass)).toEqual(['input']);
    const withFee = lines([record], { unitListPrices: () => ({ ...PRICES, requestFee: 100_000_000n }) });
    expect(withFee.map((line) => [line.lineClass, line.consumedQuantity, line.costPico])).toEqual([
      ['input', 100n, 250_000_000n],
      ['request-fee', 4n, 400_000_000n],
    ]);
  });

  it('writes a cost stated without counts as one stated-cost line, and usage of nothing not at all', () => {
    const result = lines([
      usage({ costPico: 42_500_000_000n, bookCostPico: null, requests: 0, project: 'billing' }),
      usage({ costPico: 0n, project: 'failed-call' }),
    ]);
    expect(
      result.map((line) => [line.key.project, line.lineClass, line.consumedQuantity, line.costPico]),
    ).toEqual([['billing', 'stated-cost', 1n, 42_500_000_000n]]);
  });

  it('asks for the cost center once per allocation key and puts it on every line of the key', () => {
    const costCenterOf = vi.fn((key: { project: string | null }) =>
      key.project === 'search' ? 'CC-42' : null,
    );
    const result = lines([usage({ inputTokens: 1, outputTokens: 1, costPico: 12n })], { costCenterOf });
    expect(result.map((line) => line.costCenter)).toEqual(['CC-42', 'CC-42']);
    expect(costCenterOf).toHaveBeenCalledTimes(1);
    expect(costCenterOf.mock.calls[0]?.[0]).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o',
      project: 'search',
    });
  });
});
