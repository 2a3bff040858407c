import { describe, expect, it } from 'vitest';
import type { UsageSlice } from '../../src/analysis/build-report.ts';
import { compareProviders, type ComparisonLevel } from '../../src/analysis/compare-providers.ts';
import { ZERO_TOTALS, type UsageTotals } from '../../src/model/usage-totals.ts';

const STAMP = { hash: 'sha256:0', pricingVersions: [], sources: 0 };
const DAY = 86_400_000;

function slice(day: number, provider: string, model: string, totals: Partial<UsageTotals>): UsageSlice {
  return {
    sliceStartMs: Date.UTC(2026, 10, 1) + day * DAY,
    groupValues: [provider, model],
    totals: { ...ZERO_TOTALS, records: 1, requests: 1, ...totals },
  };
}

// pico-dollars: $0.30 for 3 requests and 1,000 output tokens = $0.10 per request, $0.30 per 1K output.
const SLICES = [
  slice(0, 'openai', 'gpt-4o', { requests: 2, outputTokens: 600, costPico: 200_000_000_000n }),
  slice(1, 'openai', 'gpt-4o', { requests: 1, outputTokens: 400, costPico: 100_000_000_000n }),
  slice(0, 'openai', 'gpt-4.1-mini', { requests: 4, outputTokens: 1_000, costPico: 30_000_000_000n }),
  slice(0, 'anthropic', 'claude-haiku-4-5', {
    requests: 10,
    errorRequests: 5,
    outputTokens: 2_000,
    costPico: 60_000_000_000n,
  }),
  slice(0, 'anthropic', 'claude-opus-4', {
    records: 2,
    requests: 2,
    unpricedRecords: 1,
    outputTokens: 50,
    costPico: 9n,
  }),
  slice(0, 'azure-openai', 'gpt-4o', {
    requests: 0,
    requestsUnknown: 1,
    outputTokens: 100,
    costPico: 5_000n,
  }),
];

const compare = (level: ComparisonLevel) =>
  compareProviders(SLICES, [], { level, costMode: 'list', currency: 'USD', exchange: null, stamp: STAMP });

describe('compareProviders', () => {
  it('sums each provider and model and derives exact unit costs (pico-units, rounded half up)', () => {
    const gpt4o = compare('model').models.find((row) => row.provider === 'openai' && row.model === 'gpt-4o');
    expect(gpt4o?.totals.costPico).toBe(300_000_000_000n);
    expect(gpt4o?.costPerRequestPico).toBe(100_000_000_000n);
    expect(gpt4o?.costPer1kOutputPico).toBe(300_000_000_000n);
    expect(gpt4o?.errorShare).toBe(0);
  });

  it('gives no unit cost where part of the row has no price or no request count', () => {
    const { models } = compare('model');
    const opus = models.find((row) => row.model === 'claude-opus-4');
    const azure = models.find((row) => row.provider === 'azure-openai');
    expect([opus?.costPerRequestPico, opus?.costPer1kOutputPico, opus?.efficiencyScore]).toEqual([
      null,
      null,
      null,
    ]);
    expect(azure?.costPerRequestPico).toBeNull();
    expect(azure?.costPer1kOutputPico).toBe(50_000n);
  });

  it('scores the rows of the level against their median and takes the error share off', () => {
    const { models, providers, medianCostPer1kOutputPico } = compare('model');
    const scores = Object.fromEntries(
      models.map((row) => [`${row.provider}/${row.model ?? ''}`, row.efficiencyScore]),
    );
    // Per 1K output: gpt-4o 0.3, gpt-4.1-mini 0.03, haiku 0.03, azure 0.00000005 (USD): median 0.03.
    expect(medianCostPer1kOutputPico).toBe(30_000_000_000n);
    expect(scores).toEqual({
      'openai/gpt-4o': 0,
      'openai/gpt-4.1-mini': 50,
      'anthropic/claude-haiku-4-5': 25,
      'anthropic/claude-opus-4': null,
      'azure-openai/gpt-4o': 100,
    });
    expect(providers.every((row) => row.efficiencyScore === null)).toBe(true);
  });

  it('scores providers when rows are per provider', () => {
    const { providers, models } = compare('provider');
    expect(models).toEqual([]);
    // openai $0.165 per 1K output, azure ~$0: median ≈ $0.0825, half of openai's: 50 × (1 − log10 2) = 35.
    expect(providers.map((row) => [row.provider, row.efficiencyScore])).toEqual([
      ['openai', 35],
      ['anthropic', null],
      ['azure-openai', 100],
    ]);
  });

  it.each(['model', 'provider'] as const)('totals equal the sum of the rows (per %s)', (level) => {
    const comparison = compare(level);
    const rows = level === 'model' ? comparison.models : comparison.providers;
    expect(rows.reduce((sum, row) => sum + row.totals.costPico, 0n)).toBe(comparison.totals.costPico);
    expect(rows.reduce((sum, row) => sum + row.totals.requests, 0)).toBe(comparison.totals.requests);
  });

  it('sorts rows by cost, largest first', () => {
    const costs = compare('model').models.map((row) => row.totals.costPico);
    expect(costs).toEqual([...costs].sort((a, b) => (b > a ? 1 : b < a ? -1 : 0)));
  });
});
