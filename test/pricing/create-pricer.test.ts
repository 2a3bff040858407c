import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/pricing/create-pricer.ts';
import type { PricingInput } from '../../src/pricing/record-cost.ts';
import { readPriceBook } from '../../src/pricing/read-price-book.ts';
import { makePricingInput } from '../helpers/make-pricing-input.ts';

// Against the shipped pricing.json. 1 token × 1 micro-USD per 1M tokens = 1 pico-USD, so each expected
// figure is Σ tokens × (USD per 1M × 10⁶). Default time: 2026-11-01T12:00Z.
const price = createPricer(readPriceBook());
const at = (iso: string): number => Date.parse(iso);

type Case = [string, Partial<PricingInput> & Pick<PricingInput, 'provider' | 'model'>, bigint, string];

describe('createPricer on the shipped price book', () => {
  it.each<Case>([
    // OpenAI
    [
      'gpt-4o 1k in + 500 out: 1000×2.5 + 500×10 = $0.0075',
      { provider: 'openai', model: 'gpt-4o', inputTokens: 1000, outputTokens: 500 },
      7_500_000_000n,
      'openai/gpt-4o',
    ],
    [
      'dated gpt-4o-2024-08-06 shares the gpt-4o price',
      { provider: 'openai', model: 'gpt-4o-2024-08-06', inputTokens: 1000, outputTokens: 500 },
      7_500_000_000n,
      'openai/gpt-4o',
    ],
    [
      'gpt-4o-2024-05-13 keeps its own $5/$15: 1000×5 + 500×15',
      { provider: 'openai', model: 'gpt-4o-2024-05-13', inputTokens: 1000, outputTokens: 500 },
      12_500_000_000n,
      'openai/gpt-4o-2024-05-13',
    ],
    [
      'unknown dated snapshot strips to gpt-4o-mini: 1000×0.15 + 500×0.6',
      { provider: 'openai', model: 'gpt-4o-mini-2099-01-01', inputTokens: 1000, outputTokens: 500 },
      450_000_000n,
      'openai/gpt-4o-mini',
    ],
    [
      'o3 the day before the cut: 1000×10 + 2000 cached×2.5 + 500×40',
      {
        provider: 'openai',
        model: 'o3',
        occurredAtMs: at('2025-06-09T23:59:59Z'),
        inputTokens: 1000,
        cacheReadTokens: 2000,
        outputTokens: 500,
      },
      35_000_000_000n,
      'openai/o3',
    ],
    [
      'o3 from 2025-06-10: 1000×2 + 2000×0.5 + 500×8',
      {
        provider: 'openai',
        model: 'o3',
        occurredAtMs: at('2025-06-10T00:00:00Z'),
        inputTokens: 1000,
        cacheReadTokens: 2000,
        outputTokens: 500,
      },
      7_000_000_000n,
      'openai/o3',
    ],
    [
      'o3-2025-04-16 reasoning 400 of 500 out is not billed twice: 1000×2 + 500×8',
      {
        provider: 'openai',
        model: 'o3-2025-04-16',
        inputTokens: 1000,
        outputTokens: 500,
        reasoningTokens: 400,
      },
      6_000_000_000n,
      'openai/o3',
    ],
    [
      'o3 batch: (1000×2 + 500×8) × 1/2',
      { provider: 'openai', model: 'o3', inputTokens: 1000, outputTokens: 500, isBatch: true },
      3_000_000_000n,
      'openai/o3',
    ],
    [
      'gpt-4o 3 web searches at $10 per 1k = $0.03',
      { provider: 'openai', model: 'gpt-4o', webSearchRequests: 3 },
      30_000_000_000n,
      'openai/gpt-4o',
    ],
    [
      'gpt-4.1 via litellm: 1000×2 + 500×8',
      { provider: 'litellm', model: 'gpt-4.1', inputTokens: 1000, outputTokens: 500 },
      6_000_000_000n,
      'openai/gpt-4.1',
    ],
    // Anthropic
    [
      'claude-sonnet-4-5 1k in + 500 out: 1000×3 + 500×15 = $0.0105',
      { provider: 'anthropic', model: 'claude-sonnet-4-5', inputTokens: 1000, outputTokens: 500 },
      10_500_000_000n,
      'anthropic/claude-sonnet-4-5',
    ],
    [
      '5m cache write: 1000×3 + 8000×0.3 + 1000×3.75 + 500×15',
      {
        provider: 'anthropic',
        model: 'claude-sonnet-4-5-20250929',
        inputTokens: 1000,
        cacheReadTokens: 8000,
        cacheWrite5mTokens: 1000,
        outputTokens: 500,
      },
      16_650_000_000n,
      'anthropic/claude-sonnet-4-5',
    ],
    [
      '1h cache write: 1000×3 + 8000×0.3 + 1000×6 + 500×15',
      {
        provider: 'anthropic',
        model: 'claude-sonnet-4-5-20250929',
        inputTokens: 1000,
        cacheReadTokens: 8000,
        cacheWrite1hTokens: 1000,
        outputTokens: 500,
      },
      18_900_000_000n,
      'anthropic/claude-sonnet-4-5',
    ],
    [
      'cache write of unknown TTL priced as 5m: same as the 5m case',
      {
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        inputTokens: 1000,
        cacheReadTokens: 8000,
        cacheWriteTokens: 1000,
        outputTokens: 500,
      },
      16_650_000_000n,
      'anthropic/claude-sonnet-4-5',
    ],
    [
      '>200k prompt bills the whole request at the tier: 300000×6 + 1000×22.5 = $1.8225',
      { provider: 'anthropic', model: 'claude-sonnet-4-5', inputTokens: 300_000, outputTokens: 1000 },
      1_822_500_000_000n,
      'anthropic/claude-sonnet-4-5',
    ],
    [
      'prompt of exactly 200k is not above the threshold: 200000×3 + 1000×15',
      { provider: 'anthropic', model: 'claude-sonnet-4-5', inputTokens: 200_000, outputTokens: 1000 },
      615_000_000_000n,
      'anthropic/claude-sonnet-4-5',
    ],
    [
      'cache reads count toward the tier: 1000×6 + 199500×0.6',
      { provider: 'anthropic', model: 'claude-sonnet-4-5', inputTokens: 1000, cacheReadTokens: 199_500 },
      125_700_000_000n,
      'anthropic/claude-sonnet-4-5',
    ],
    [
      'aggregated 2 requests, 300k prompt = 150k average: base 300000×3',
      { provider: 'anthropic', model: 'claude-sonnet-4-5', inputTokens: 300_000, requests: 2 },
      900_000_000_000n,
      'anthropic/claude-sonnet-4-5',
    ],
    [
      'sonnet-4-5 batch: (1000×3 + 500×15) × 1/2',
      {
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        inputTokens: 1000,
        outputTokens: 500,
        isBatch: true,
      },
      5_250_000_000n,
      'anthropic/claude-sonnet-4-5',
    ],
    [
      'haiku-4-5 1h write = 2× input: 1000×2',
      { provider: 'anthropic', model: 'claude-haiku-4-5-20251001', cacheWrite1hTokens: 1000 },
      2_000_000_000n,
      'anthropic/claude-haiku-4-5',
    ],
    [
      'litellm anthropic/claude-sonnet-4-5 finds the first-party model',
      { provider: 'litellm', model: 'anthropic/claude-sonnet-4-5', inputTokens: 1000, outputTokens: 500 },
      10_500_000_000n,
      'anthropic/claude-sonnet-4-5',
    ],
    // OpenRouter
    [
      "openrouter/anthropic/claude-sonnet-4.5 at OpenRouter's $3/$15",
      {
        provider: 'openrouter',
        model: 'openrouter/anthropic/claude-sonnet-4.5',
        inputTokens: 1000,
        outputTokens: 500,
      },
      10_500_000_000n,
      'openrouter/anthropic/claude-sonnet-4.5',
    ],
    [
      'openrouter openai/gpt-4o: 1000×2.5 + 500×10',
      { provider: 'openrouter', model: 'openai/gpt-4o', inputTokens: 1000, outputTokens: 500 },
      7_500_000_000n,
      'openrouter/openai/gpt-4o',
    ],
    // Bedrock
    [
      'us. cross-region sonnet-4-5 at the regional $3.30/$16.50: 1000×3.3 + 500×16.5',
      {
        provider: 'aws-bedrock',
        model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        inputTokens: 1000,
        outputTokens: 500,
      },
      11_550_000_000n,
      'aws/regional.anthropic.claude-sonnet-4-5-20250929-v1:0',
    ],
    [
      'global. sonnet-4-5 at $3/$15',
      {
        provider: 'bedrock',
        model: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
        inputTokens: 1000,
        outputTokens: 500,
      },
      10_500_000_000n,
      'aws/global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    ],
    [
      'anthropic.claude-3-haiku-20240307-v1:0: 1000×0.25 + 500×1.25',
      {
        provider: 'bedrock',
        model: 'anthropic.claude-3-haiku-20240307-v1:0',
        inputTokens: 1000,
        outputTokens: 500,
      },
      875_000_000n,
      'aws/regional.anthropic.claude-3-haiku-20240307-v1:0',
    ],
    // Google
    [
      'gemini-2.5-pro 1k in + 500 out: 1000×1.25 + 500×10 = $0.00625',
      { provider: 'google', model: 'gemini-2.5-pro', inputTokens: 1000, outputTokens: 500 },
      6_250_000_000n,
      'google/gemini-2.5-pro',
    ],
    [
      'gemini-2.5-pro >200k whole request at tier: 300000×2.5 + 1000×15 = $0.765',
      { provider: 'google-gemini', model: 'gemini-2.5-pro', inputTokens: 300_000, outputTokens: 1000 },
      765_000_000_000n,
      'google/gemini-2.5-pro',
    ],
    [
      'gemini-2.5-pro batch: (1000×1.25 + 500×10) × 1/2',
      { provider: 'google', model: 'gemini-2.5-pro', inputTokens: 1000, outputTokens: 500, isBatch: true },
      3_125_000_000n,
      'google/gemini-2.5-pro',
    ],
    [
      'litellm gemini/gemini-2.5-flash: 1000×0.3 + 500×2.5',
      { provider: 'litellm', model: 'gemini/gemini-2.5-flash', inputTokens: 1000, outputTokens: 500 },
      1_550_000_000n,
      'google/gemini-2.5-flash',
    ],
    // Mistral
    [
      'mistral-large-latest before the move to Large 3: 1000×2 + 500×6',
      {
        provider: 'mistral',
        model: 'mistral-large-latest',
        occurredAtMs: at('2025-12-01T23:00:00Z'),
        inputTokens: 1000,
        outputTokens: 500,
      },
      5_000_000_000n,
      'mistral/mistral-large-latest',
    ],
    [
      'mistral-large-latest from 2025-12-02: 1000×0.5 + 500×1.5',
      {
        provider: 'mistral',
        model: 'mistral-large-latest',
        occurredAtMs: at('2025-12-02T00:00:00Z'),
        inputTokens: 1000,
        outputTokens: 500,
      },
      1_250_000_000n,
      'mistral/mistral-large-latest',
    ],
    [
      'mistral-small-latest: 1000×0.1 + 500×0.3',
      { provider: 'mistral', model: 'mistral-small-latest', inputTokens: 1000, outputTokens: 500 },
      250_000_000n,
      'mistral/mistral-small-latest',
    ],
    // DeepSeek
    [
      'deepseek-chat peak 10:00 UTC (July 2025): 1000×0.27 + 500×1.1',
      {
        provider: 'deepseek',
        model: 'deepseek-chat',
        occurredAtMs: at('2025-07-01T10:00:00Z'),
        inputTokens: 1000,
        outputTokens: 500,
      },
      820_000_000n,
      'deepseek/deepseek-chat',
    ],
    [
      'deepseek-chat off-peak 20:00 UTC: 1000×0.135 + 500×0.55',
      {
        provider: 'deepseek',
        model: 'deepseek-chat',
        occurredAtMs: at('2025-07-01T20:00:00Z'),
        inputTokens: 1000,
        outputTokens: 500,
      },
      410_000_000n,
      'deepseek/deepseek-chat',
    ],
    [
      'deepseek-chat from 2025-09-05T16:00Z: 1000×0.56 + 500×1.68',
      {
        provider: 'deepseek',
        model: 'deepseek-chat',
        occurredAtMs: at('2025-09-06T10:00:00Z'),
        inputTokens: 1000,
        outputTokens: 500,
      },
      1_400_000_000n,
      'deepseek/deepseek-chat',
    ],
    [
      'deepseek/deepseek-reasoner now: 1000×0.28 + 10000×0.028 + 500×0.42',
      {
        provider: 'litellm',
        model: 'deepseek/deepseek-reasoner',
        inputTokens: 1000,
        cacheReadTokens: 10_000,
        outputTokens: 500,
      },
      770_000_000n,
      'deepseek/deepseek-reasoner',
    ],
  ])('%s', (_name, overrides, costPico, modelId) => {
    const cost = price(makePricingInput(overrides));
    expect(cost).toMatchObject({ kind: 'priced', costPico, modelId });
  });

  it.each<[string, Partial<PricingInput> & Pick<PricingInput, 'provider' | 'model'>, string]>([
    [
      'an unknown model',
      { provider: 'acme', model: 'no-such-model-9' },
      'no price for model "no-such-model-9" (provider "acme")',
    ],
    [
      'o3 before its launch on 2025-04-16',
      { provider: 'openai', model: 'o3', occurredAtMs: at('2025-04-15T12:00:00Z'), inputTokens: 1 },
      'no price for model "o3" before 2025-04-16 (first price period of openai/o3)',
    ],
    [
      'a Bedrock batch (no batch price in the book)',
      { provider: 'bedrock', model: 'anthropic.claude-3-haiku-20240307-v1:0', isBatch: true },
      'no batch price for provider "aws" (model "anthropic.claude-3-haiku-20240307-v1:0")',
    ],
    [
      'a flex service tier (not in the book yet)',
      { provider: 'openai', model: 'o3', serviceTier: 'flex' },
      'no "flex" service-tier price for model "o3" (openai/o3)',
    ],
  ])('leaves %s unpriced with a reason', (_name, overrides, reason) => {
    expect(price(makePricingInput(overrides))).toEqual({ kind: 'unpriced', reason });
  });

  it('marks overlay prices with their layer and catalogue prices with theirs', () => {
    expect(price(makePricingInput({ provider: 'openai', model: 'o3', inputTokens: 1 }))).toMatchObject({
      layer: 'overlay',
    });
    expect(price(makePricingInput({ provider: 'openai', model: 'gpt-4o', inputTokens: 1 }))).toMatchObject({
      layer: 'catalogue',
    });
  });

  it('sums 1,000,000 small costs to the exact integer (7 in × $0.15 + 3 out × $0.60 = 2,850,000 pico each)', () => {
    const record = makePricingInput({
      provider: 'openai',
      model: 'gpt-4o-mini',
      inputTokens: 7,
      outputTokens: 3,
    });
    let total = 0n;
    for (let index = 0; index < 1_000_000; index++) {
      const cost = price(record);
      total += cost.kind === 'priced' ? cost.costPico : 0n;
    }
    expect(total).toBe(2_850_000_000_000n); // exactly $2.85
  });
});
