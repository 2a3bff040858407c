import { describe, expect, it } from 'vitest';
import { attachDeprecationDates } from '../../src/pricing/build/attach-deprecation-dates.ts';
import type { ModelEntry, ProviderEntry } from '../../src/pricing/price-book.ts';

const provider = (pattern: string): ProviderEntry => ({
  name: pattern,
  providerMatch: { exact: [], prefixes: [], pattern },
  modelMatch: { exact: [], prefixes: [] },
});
const model = (
  providerId: string,
  id: string,
  exact: string[] = [id],
  prefixes: string[] = [],
): ModelEntry => ({
  provider: providerId,
  model: id,
  name: id,
  contextWindow: 128_000,
  maxOutputTokens: 8_192,
  match: { exact, prefixes },
  periods: [
    {
      effectiveFrom: '2025-01-01',
      layer: 'catalogue',
      prices: { input: 1, output: 2, cacheRead: 1, cacheWrite5m: 1, cacheWrite1h: 1 },
    },
  ],
});
const providers = {
  openai: provider('(?:openai)'),
  google: provider('(?:google|gemini|vertex_ai.*)'),
};
const models = {
  'google/gemini-1.5-flash': model('google', 'gemini-1.5-flash'),
  'google/gemini-2.5-flash-lite': model('google', 'gemini-2.5-flash-lite', [], ['gemini-2.5-flash-lite']),
  'google/gemini-3-pro-preview': model('google', 'gemini-3-pro-preview'),
  'openai/gpt-4': model('openai', 'gpt-4', ['gpt-4', 'gpt-4-0613']),
  'openai/gpt-4o': model('openai', 'gpt-4o'),
};

describe('attachDeprecationDates', () => {
  it('dates a model whose matching LiteLLM entries are all dated, after maxOutputTokens', () => {
    const result = attachDeprecationDates(models, providers, [
      ['gemini', 'gemini/gemini-1.5-flash', '2025-09-29'],
      ['openai', 'gpt-4o', null],
    ]);
    expect(result.attached).toBe(1);
    expect(result.models['google/gemini-1.5-flash']?.deprecationDate).toBe('2025-09-29');
    expect(Object.keys(result.models['google/gemini-1.5-flash'] ?? {})).toEqual([
      'provider',
      'model',
      'name',
      'contextWindow',
      'maxOutputTokens',
      'deprecationDate',
      'match',
      'periods',
    ]);
    expect(result.models['openai/gpt-4o']).toBe(models['openai/gpt-4o']);
  });

  it('leaves a model undated while LiteLLM lists one of its ids without a date', () => {
    const result = attachDeprecationDates(models, providers, [
      ['openai', 'gpt-4-0613', '2025-06-06'],
      ['openai', 'gpt-4', null],
    ]);
    expect(result.models['openai/gpt-4']?.deprecationDate).toBeUndefined();
    expect(result.stillOffered).toEqual(['openai/gpt-4']);
  });

  it('lets a same-id entry outrank a retiring preview priced as the model', () => {
    const entries = [
      ['gemini', 'gemini/gemini-2.5-flash-lite-preview-06-17', '2025-11-18'],
      ['gemini', 'gemini/gemini-2.5-flash-lite', null],
    ] as const;
    const withRelease = attachDeprecationDates(models, providers, entries);
    expect(withRelease.models['google/gemini-2.5-flash-lite']?.deprecationDate).toBeUndefined();
    // With no entry for the release itself, the preview is all LiteLLM says of the model.
    const previewOnly = attachDeprecationDates(models, providers, entries.slice(0, 1));
    expect(previewOnly.models['google/gemini-2.5-flash-lite']?.deprecationDate).toBe('2025-11-18');
  });

  it('takes the latest of differing dates: the model is offered until its last id retires', () => {
    const result = attachDeprecationDates(models, providers, [
      ['gemini', 'gemini/gemini-3-pro-preview', '2026-03-09'],
      ['vertex_ai-language-models', 'gemini-3-pro-preview', '2026-03-26'],
    ]);
    expect(result.models['google/gemini-3-pro-preview']?.deprecationDate).toBe('2026-03-26');
    expect(result.disagreeing).toEqual(['google/gemini-3-pro-preview']);
  });

  it('matches within the provider only', () => {
    const result = attachDeprecationDates(models, providers, [['openai', 'gemini-1.5-flash', '2025-01-01']]);
    expect(result.attached).toBe(0);
  });

  it('keeps the deprecated flag the source set', () => {
    const flagged = { 'openai/gpt-4o': { ...model('openai', 'gpt-4o'), deprecated: true as const } };
    const result = attachDeprecationDates(flagged, providers, [['openai', 'gpt-4o', '2026-02-01']]);
    expect(result.models['openai/gpt-4o']).toMatchObject({ deprecationDate: '2026-02-01', deprecated: true });
  });
});
