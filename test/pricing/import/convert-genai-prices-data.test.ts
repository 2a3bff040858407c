import { describe, expect, it } from 'vitest';
import { convertGenaiPricesData } from '../../../src/pricing/import/convert-genai-prices-data.ts';

/** genai-prices data.json wire format: constraints without a `type`, tiers as { base, tiers }. */
const DATA = [
  {
    id: 'openai',
    name: 'OpenAI',
    api_pattern: 'https://api\\.openai\\.com',
    provider_match: { contains: 'openai' },
    models: [
      {
        id: 'o3',
        match: { equals: 'o3' },
        context_window: 200000,
        prices: [
          { prices: { input_mtok: 10, cache_read_mtok: 2.5, output_mtok: 40 } },
          {
            constraint: { start_date: '2025-06-10' },
            prices: { input_mtok: 2, cache_read_mtok: 0.5, output_mtok: 8 },
          },
        ],
      },
      { id: 'whisper', match: { equals: 'whisper' }, prices: { input_audio_hours: 0.36 } },
    ],
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    api_pattern: 'x',
    models: [
      {
        id: 'claude-sonnet-4-5',
        name: 'Claude Sonnet 4.5',
        match: { starts_with: 'claude-sonnet-4-5' },
        prices: {
          input_mtok: { base: 3, tiers: [{ start: 200000, price: 6 }] },
          cache_write_mtok: 3.75,
          output_mtok: { base: 15, tiers: [{ start: 200000, price: 22.5 }] },
        },
      },
    ],
  },
  {
    id: 'deepseek',
    name: 'Deepseek',
    api_pattern: 'x',
    models: [
      {
        id: 'deepseek-chat',
        match: { equals: 'deepseek-chat' },
        prices: [
          { prices: { input_mtok: 0.27, output_mtok: 1.1 } },
          {
            constraint: { start_time: '16:30:00Z', end_time: '00:30:00Z' },
            prices: { input_mtok: 0.135, output_mtok: 0.55 },
          },
        ],
      },
    ],
  },
];

const at = (effectiveAt: string) => convertGenaiPricesData(DATA, { effectiveAt, citation: 'test' });

describe('convertGenaiPricesData', () => {
  it('takes the prices in effect at the import date, stating only what the source states', () => {
    expect(at('2025-06-09').models[0]).toMatchObject({
      provider: 'openai',
      model: 'o3',
      contextWindow: 200_000,
      prices: { input: 10_000_000, cacheRead: 2_500_000, output: 40_000_000 },
    });
    const after = at('2025-06-10').models[0];
    expect(after?.prices).toEqual({ input: 2_000_000, cacheRead: 500_000, output: 8_000_000 });
  });

  it('keeps the dated history, up to the import date, for a model new to the book', () => {
    expect(at('2025-06-09').models[0]?.newEntry.periods.map((p) => p.effectiveFrom)).toEqual(['1970-01-01']);
    expect(at('2026-01-01').models[0]?.newEntry.periods).toMatchObject([
      { effectiveFrom: '1970-01-01', layer: 'catalogue', citation: 'test', prices: { input: 10_000_000 } },
      { effectiveFrom: '2025-06-10', layer: 'catalogue', citation: 'test', prices: { input: 2_000_000 } },
    ]);
  });

  it('turns per-unit tiers into whole-request tiers; cache_write_mtok states the 5-minute write', () => {
    expect(at('2026-01-01').models.find((m) => m.model === 'claude-sonnet-4-5')).toMatchObject({
      name: 'Claude Sonnet 4.5',
      prices: { input: 3_000_000, cacheWrite5m: 3_750_000, output: 15_000_000 },
      tiers: [
        {
          aboveInputTokens: 200_000,
          prices: { input: 6_000_000, cacheWrite5m: 3_750_000, output: 22_500_000 },
        },
      ],
    });
  });

  it('keeps daily windows, with the type genai-prices leaves out of data.json', () => {
    expect(at('2026-01-01').models.find((m) => m.model === 'deepseek-chat')?.timeOfDay).toEqual([
      {
        fromUtc: '16:30',
        toUtc: '00:30',
        prices: {
          input: 135_000,
          output: 550_000,
          cacheRead: 135_000,
          cacheWrite5m: 135_000,
          cacheWrite1h: 135_000,
        },
      },
    ]);
  });

  it('skips models priced in other units, and describes providers', () => {
    const converted = at('2026-01-01');
    expect(converted.skipped).toEqual([
      { sourceKey: 'openai/whisper', reason: 'prices only non-token units (pages, audio hours, images)' },
    ]);
    expect(converted.providers.openai).toEqual({
      name: 'OpenAI',
      providerMatch: { exact: [], prefixes: [], pattern: '(?:openai)' },
      modelMatch: { exact: [], prefixes: [] },
    });
  });

  it('refuses a file that is not a list of providers', () => {
    expect(() => convertGenaiPricesData({}, { effectiveAt: '2026-01-01', citation: '' })).toThrow(
      /array of providers/,
    );
  });
});
