import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPriceBook } from '../../../src/pricing/read-price-book.ts';
import { convertLitellmPrices } from '../../../src/pricing/import/convert-litellm-prices.ts';
import { litellmProviderMapper } from '../../../src/pricing/import/map-litellm-provider.ts';

const fixture = (name: string): string =>
  new URL(`../../../fixtures/pricing/${name}`, import.meta.url).pathname;
const book = readPriceBook(fixture('catalogue-excerpt.json'));
const options = { providerOf: litellmProviderMapper(book.providers), citation: 'test' };
const excerpt = JSON.parse(readFileSync(fixture('litellm-excerpt.json'), 'utf8')) as unknown;

describe('convertLitellmPrices', () => {
  const converted = convertLitellmPrices(excerpt, options);
  const model = (sourceKey: string) => converted.models.find((m) => m.sourceKey === sourceKey);

  it('converts USD per token to micro-USD per 1M tokens, only the prices the entry states', () => {
    // gpt-4o: input 2.5e-06, output 1e-05, cache read 1.25e-06 → $2.50, $10, $1.25 per 1M.
    expect(model('gpt-4o')).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o',
      contextWindow: 128_000,
      prices: { input: 2_500_000, output: 10_000_000, cacheRead: 1_250_000 },
      tiers: [],
    });
    expect(Object.keys(model('gpt-4o')?.prices ?? {}).sort()).toEqual(['cacheRead', 'input', 'output']);
  });

  it('reads 5-minute and 1-hour cache writes, per-query web search and the 200k tier', () => {
    expect(model('claude-sonnet-4-5')).toMatchObject({
      provider: 'anthropic',
      prices: {
        input: 3_000_000,
        output: 15_000_000,
        cacheRead: 300_000,
        cacheWrite5m: 3_750_000,
        cacheWrite1h: 6_000_000,
        webSearchPer1k: 10_000_000,
      },
      tiers: [
        {
          aboveInputTokens: 200_000,
          prices: {
            input: 6_000_000,
            output: 22_500_000,
            cacheRead: 600_000,
            cacheWrite5m: 7_500_000,
            cacheWrite1h: 12_000_000,
          },
        },
      ],
    });
  });

  it('maps LiteLLM providers to ours and strips route prefixes', () => {
    expect(
      converted.models.map((m) => `${m.sourceKey} → ${m.provider}/${m.model}`).filter((t) => t.includes('/')),
    ).toEqual(
      expect.arrayContaining([
        'gemini/gemini-2.5-pro → google/gemini-2.5-pro',
        'us.anthropic.claude-sonnet-4-5-20250929-v1:0 → aws/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        'azure/gpt-4o → azure/gpt-4o',
        'databricks/databricks-meta-llama-3-70b-instruct → databricks/databricks-meta-llama-3-70b-instruct',
      ]),
    );
    const mapper = litellmProviderMapper(book.providers);
    expect(
      [
        'bedrock_converse',
        'vertex_ai-anthropic_models',
        'xai',
        'openai',
        'text-completion-openai',
        'acme',
      ].map(mapper),
    ).toEqual(['aws', 'google', 'x-ai', 'openai', 'openai', 'acme']);
  });

  it('builds a complete entry for a model new to the book, with the sources fallbacks', () => {
    expect(model('gpt-5-mini')?.newEntry).toEqual({
      provider: 'openai',
      model: 'gpt-5-mini',
      name: 'gpt-5-mini',
      contextWindow: 272_000,
      match: { exact: ['gpt-5-mini'], prefixes: [] },
      periods: [
        {
          effectiveFrom: '1970-01-01',
          layer: 'catalogue',
          citation: 'test',
          // cache writes not stated: at the input price, 1h at the 5m price.
          prices: {
            input: 250_000,
            output: 2_000_000,
            cacheRead: 25_000,
            cacheWrite5m: 250_000,
            cacheWrite1h: 250_000,
          },
        },
      ],
    });
  });

  it('skips other modes and entries without token prices, and counts them', () => {
    const noPrices = convertLitellmPrices(
      {
        'free-chat': { litellm_provider: 'openai', mode: 'chat' },
        bad: 3,
        'x-rerank': { litellm_provider: 'cohere', mode: 'rerank' },
      },
      options,
    );
    expect(noPrices.skipped).toEqual([
      { sourceKey: 'free-chat', reason: 'no input or output price per token' },
      { sourceKey: 'bad', reason: 'not a model entry (no "litellm_provider")' },
      { sourceKey: 'x-rerank', reason: 'mode "rerank" is not priced per token' },
    ]);
    expect(converted.skipped.map((s) => s.sourceKey)).toEqual(['text-embedding-3-small', 'dall-e-3']);
    expect(converted.models).toHaveLength(11);
  });

  it('reports each rounded price', () => {
    expect(converted.rounded).toEqual([
      'databricks/databricks-meta-llama-3-70b-instruct.output_cost_per_token: 0.0000029999900000000002 USD per token rounded to the nearest micro-USD per 1M tokens',
    ]);
  });

  it('refuses a file that is not an object of entries', () => {
    expect(() => convertLitellmPrices([], options)).toThrow(/expected a JSON object/);
  });
});
