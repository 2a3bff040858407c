import { describe, expect, it } from 'vitest';
import type { PriceBook } from '../../../src/pricing/price-book.ts';
import { readPriceBook } from '../../../src/pricing/read-price-book.ts';
import { convertLitellmPrices } from '../../../src/pricing/import/convert-litellm-prices.ts';
import type { ConvertedSource } from '../../../src/pricing/import/imported-model.ts';
import { litellmProviderMapper } from '../../../src/pricing/import/map-litellm-provider.ts';
import { mergeImportedModels } from '../../../src/pricing/import/merge-imported-models.ts';

// fixtures/pricing/catalogue-excerpt.json: openai/gpt-4o $2.50/$10 (cache read $1.25, web search $10/1k)
// since 1970; openai/o3 $10/$40 from 2025-04-16, $2/$8 from 2025-06-10; anthropic/claude-sonnet-4-5 with a
// 200k tier; aws/regional.anthropic.claude-sonnet-4-5-20250929-v1:0 (us., eu., … prefixed ids).
const BOOK = readPriceBook(
  new URL('../../../fixtures/pricing/catalogue-excerpt.json', import.meta.url).pathname,
);
const NOW = Date.parse('2026-11-23T12:00:00Z');

/** A LiteLLM file of the given entries, converted against `book`. */
const litellm = (entries: Record<string, Record<string, unknown>>, book: PriceBook = BOOK): ConvertedSource =>
  convertLitellmPrices(
    Object.fromEntries(
      Object.entries(entries).map(([key, entry]) => [
        key,
        { litellm_provider: 'openai', mode: 'chat', ...entry },
      ]),
    ),
    {
      providerOf: litellmProviderMapper(book.providers),
      citation: 'imported from test.json (litellm) on 2026-01-01',
    },
  );
const merge = (source: ConvertedSource, effectiveFrom = '2026-01-01', book: PriceBook = BOOK) =>
  mergeImportedModels(book, source, { effectiveFrom, citation: `imported on ${effectiveFrom}`, nowMs: NOW });
const asBook = (outcome: ReturnType<typeof merge>): PriceBook => {
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return { version: 'merged', ...outcome.book };
};

const GPT_4O = {
  input_cost_per_token: 2.5e-6,
  output_cost_per_token: 1e-5,
  cache_read_input_token_cost: 1.25e-6,
};

describe('mergeImportedModels', () => {
  it('adds no period when every stated price equals the one in effect', () => {
    const outcome = merge(litellm({ 'gpt-4o': GPT_4O }));
    expect(outcome).toMatchObject({ ok: true, diff: { unchanged: 1, changed: [], added: [] } });
    expect(asBook(outcome).models['openai/gpt-4o']).toEqual(BOOK.models['openai/gpt-4o']);
  });

  it('appends one period for a changed price, carrying over what the source does not state', () => {
    const outcome = merge(litellm({ 'gpt-4o': { ...GPT_4O, input_cost_per_token: 2e-6 } }));
    expect(outcome).toMatchObject({
      ok: true,
      diff: {
        unchanged: 0,
        changed: [
          {
            key: 'openai/gpt-4o',
            previousFrom: '1970-01-01',
            previousLayer: 'catalogue',
            changes: [{ where: 'base', field: 'input', from: 2_500_000, to: 2_000_000 }],
          },
        ],
        largeChanges: [],
      },
    });
    const periods = asBook(outcome).models['openai/gpt-4o']?.periods;
    expect(periods).toHaveLength(2);
    expect(periods?.[0]).toEqual(BOOK.models['openai/gpt-4o']?.periods[0]);
    expect(periods?.[1]).toEqual({
      effectiveFrom: '2026-01-01',
      layer: 'catalogue',
      citation: 'imported on 2026-01-01',
      // cache writes and web search are not in the source: kept from the period before.
      prices: {
        input: 2_000_000,
        output: 10_000_000,
        cacheRead: 1_250_000,
        cacheWrite5m: 2_500_000,
        cacheWrite1h: 2_500_000,
        webSearchPer1k: 10_000_000,
      },
    });
  });

  it('compares with the period in effect at the import date, not the first one', () => {
    const o3 = { input_cost_per_token: 2e-6, output_cost_per_token: 8e-6, cache_read_input_token_cost: 5e-7 };
    expect(merge(litellm({ o3 }), '2026-01-01')).toMatchObject({ ok: true, diff: { unchanged: 1 } });
  });

  it('is idempotent: importing the same file again adds nothing', () => {
    const source = litellm({ 'gpt-4o': { ...GPT_4O, input_cost_per_token: 2e-6 }, 'gpt-9': GPT_4O });
    const once = asBook(merge(source, '2026-01-01'));
    const twice = merge(
      litellm({ 'gpt-4o': { ...GPT_4O, input_cost_per_token: 2e-6 }, 'gpt-9': GPT_4O }, once),
      '2026-02-01',
      once,
    );
    expect(twice).toMatchObject({ ok: true, diff: { unchanged: 2, changed: [], added: [] } });
    expect(asBook(twice).models).toEqual(once.models);
  });

  it('refuses a date not after the last period of a model it would change', () => {
    const outcome = merge(
      litellm({ o3: { input_cost_per_token: 1e-6, output_cost_per_token: 4e-6 } }),
      '2025-06-10',
    );
    expect(outcome).toEqual({
      ok: false,
      problems: [
        'openai/o3: its prices changed, but its last period starts 2025-06-10, not before 2025-06-10',
      ],
    });
  });

  it('leaves a model with a scheduled (future) period alone, and says so', () => {
    const changed = { ...GPT_4O, input_cost_per_token: 2e-6 };
    const scheduled = asBook(merge(litellm({ 'gpt-4o': changed }), '2027-03-01'));
    const outcome = merge(
      litellm({ 'gpt-4o': { ...GPT_4O, input_cost_per_token: 1e-6 } }, scheduled),
      '2026-12-01',
      scheduled,
    );
    expect(outcome).toMatchObject({
      ok: true,
      diff: { scheduled: [{ key: 'openai/gpt-4o', scheduledFrom: '2027-03-01' }] },
    });
  });

  it('adds new models whole, with a provider entry for a provider new to the book', () => {
    const outcome = merge(
      litellm({ 'gpt-9': GPT_4O, 'acme/widget': { ...GPT_4O, litellm_provider: 'acme' } }),
    );
    expect(outcome).toMatchObject({
      ok: true,
      diff: {
        added: [
          { key: 'acme/widget', sourceKey: 'acme/widget' },
          { key: 'openai/gpt-9', sourceKey: 'gpt-9' },
        ],
      },
    });
    const book = asBook(outcome);
    expect(book.providers.acme).toEqual({
      name: 'acme',
      providerMatch: { exact: ['acme'], prefixes: [] },
      modelMatch: { exact: [], prefixes: [] },
    });
    expect(book.models['openai/gpt-9']?.match).toEqual({ exact: ['gpt-9'], prefixes: [] });
  });

  it('lets the exact id speak for a model; a dated snapshot of it is an alias', () => {
    const sonnet = {
      litellm_provider: 'anthropic',
      input_cost_per_token: 3e-6,
      output_cost_per_token: 1.5e-5,
      cache_read_input_token_cost: 3e-7,
    };
    const outcome = merge(
      litellm({
        'claude-sonnet-4-5-20250929': { ...sonnet, output_cost_per_token: 1e-5 },
        'claude-sonnet-4-5': sonnet,
      }),
    );
    expect(outcome).toMatchObject({
      ok: true,
      diff: {
        unchanged: 1,
        aliases: [{ sourceKey: 'claude-sonnet-4-5-20250929', key: 'anthropic/claude-sonnet-4-5' }],
      },
    });
  });

  it('leaves a model alone when the source entries that name it disagree', () => {
    const regional = {
      litellm_provider: 'bedrock_converse',
      input_cost_per_token: 3.3e-6,
      output_cost_per_token: 1.65e-5,
    };
    const outcome = merge(
      litellm({
        'us.anthropic.claude-sonnet-4-5-20250929-v1:0': regional,
        'eu.anthropic.claude-sonnet-4-5-20250929-v1:0': { ...regional, input_cost_per_token: 4e-6 },
      }),
    );
    expect(outcome).toMatchObject({
      ok: true,
      diff: {
        changed: [],
        ambiguous: [
          {
            key: 'aws/regional.anthropic.claude-sonnet-4-5-20250929-v1:0',
            sourceKeys: [
              'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
              'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
            ],
          },
        ],
      },
    });
  });

  it('states a new long-context tier and lists prices that moved 5x or more', () => {
    const outcome = merge(
      litellm({
        'gpt-4o': { ...GPT_4O, output_cost_per_token: 1e-4, input_cost_per_token_above_128k_tokens: 5e-6 },
      }),
    );
    expect(outcome).toMatchObject({
      ok: true,
      diff: {
        changed: [
          {
            changes: [
              { where: 'base', field: 'output', from: 10_000_000, to: 100_000_000 },
              { where: 'above 128000', field: 'input', from: null, to: 5_000_000 },
              { where: 'above 128000', field: 'output', from: null, to: 100_000_000 },
              { where: 'above 128000', field: 'cacheRead', from: null, to: 1_250_000 },
              { where: 'above 128000', field: 'cacheWrite5m', from: null, to: 2_500_000 },
              { where: 'above 128000', field: 'cacheWrite1h', from: null, to: 2_500_000 },
              { where: 'above 128000', field: 'webSearchPer1k', from: null, to: 10_000_000 },
            ],
          },
        ],
        largeChanges: ['openai/gpt-4o output at 2026-01-01: 10000000 → 100000000 micro-USD per 1M tokens'],
      },
    });
  });
});
