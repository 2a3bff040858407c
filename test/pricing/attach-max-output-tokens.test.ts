import { describe, expect, it } from 'vitest';
import { attachMaxOutputTokens } from '../../src/pricing/build/attach-max-output-tokens.ts';
import type { ModelEntry, ProviderEntry } from '../../src/pricing/price-book.ts';

const provider = (pattern: string): ProviderEntry => ({
  name: pattern,
  providerMatch: { exact: [], prefixes: [], pattern },
  modelMatch: { exact: [], prefixes: [] },
});
const model = (providerId: string, id: string, exact: string[] = [id]): ModelEntry => ({
  provider: providerId,
  model: id,
  name: id,
  contextWindow: 128_000,
  match: { exact, prefixes: [] },
  periods: [
    {
      effectiveFrom: '2025-01-01',
      layer: 'catalogue',
      prices: { input: 1, output: 2, cacheRead: 1, cacheWrite5m: 1, cacheWrite1h: 1 },
    },
  ],
});
const providers = { openai: provider('(?:openai)'), azure: provider('(?:azure)') };
const models = {
  'openai/gpt-4o': model('openai', 'gpt-4o', ['gpt-4o', 'gpt-4o-2024-08-06']),
  'openai/o3': model('openai', 'o3'),
  'azure/gpt-4o': model('azure', 'gpt-4o'),
};

describe('attachMaxOutputTokens', () => {
  it('matches within the provider by exact id, keeping the key order readable', () => {
    const result = attachMaxOutputTokens(models, providers, [
      ['openai', 'gpt-4o', 16_384],
      ['azure', 'azure/gpt-4o', 4_096],
    ]);
    expect(result.attached).toBe(2);
    expect(Object.keys(result.models['openai/gpt-4o'] ?? {})).toEqual([
      'provider',
      'model',
      'name',
      'contextWindow',
      'maxOutputTokens',
      'match',
      'periods',
    ]);
    expect(result.models['openai/gpt-4o']?.maxOutputTokens).toBe(16_384);
    expect(result.models['azure/gpt-4o']?.maxOutputTokens).toBe(4_096);
    expect(result.models['openai/o3']?.maxOutputTokens).toBeUndefined();
  });

  it('prefers the exact id over a resolved snapshot, and leaves disagreeing exact ids out', () => {
    const result = attachMaxOutputTokens(models, providers, [
      ['openai', 'gpt-4o-2099-01-01', 99],
      ['openai', 'gpt-4o', 16_384],
      ['openai', 'o3', 100_000],
      ['openai', 'O3', 50_000],
    ]);
    expect(result.models['openai/gpt-4o']?.maxOutputTokens).toBe(16_384);
    expect(result.models['openai/o3']?.maxOutputTokens).toBeUndefined();
    expect(result.ambiguous).toEqual(['openai/o3']);
  });
});
