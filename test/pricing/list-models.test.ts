import { describe, expect, it } from 'vitest';
import { findModel } from '../../src/pricing/find-model.ts';
import { listModels } from '../../src/pricing/list-models.ts';
import { readPriceBook } from '../../src/pricing/read-price-book.ts';

const BOOK = readPriceBook(
  new URL('../../fixtures/pricing/catalogue-excerpt.json', import.meta.url).pathname,
);
const at = (date: string): number => Date.parse(`${date}T23:59:59.999Z`);

describe('listModels', () => {
  it('lists every model sorted by provider then model, with the prices at the date', () => {
    const rows = listModels(BOOK, { atMs: at('2026-11-23') });
    expect(rows.map((row) => row.key)).toEqual([
      'anthropic/claude-haiku-4-5',
      'anthropic/claude-sonnet-4-5',
      'aws/regional.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'deepseek/deepseek-chat',
      'google/gemini-2.5-pro',
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
      'openai/o3',
    ]);
    expect(rows.find((row) => row.key === 'anthropic/claude-sonnet-4-5')).toMatchObject({
      periodCount: 1,
      hasLongContextTiers: true,
    });
  });

  it.each([
    ['2025-06-09', 10_000_000],
    ['2025-06-10', 2_000_000],
  ])('takes the period in effect on %s (o3 input %i micro-USD per 1M)', (date, input) => {
    expect(listModels(BOOK, { atMs: at(date), search: 'o3' })[0]?.prices?.input).toBe(input);
  });

  it('has no prices before the first period', () => {
    expect(listModels(BOOK, { atMs: at('2025-01-01'), search: 'o3' })[0]?.prices).toBeNull();
  });

  it('filters by provider and by a case-insensitive search over ids, names and aliases', () => {
    expect(listModels(BOOK, { atMs: 0, provider: 'OpenAI' }).map((row) => row.key)).toEqual([
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
      'openai/o3',
    ]);
    expect(listModels(BOOK, { atMs: 0, search: 'SONNET 4.5' }).map((row) => row.key)).toEqual([
      'anthropic/claude-sonnet-4-5',
    ]);
    expect(listModels(BOOK, { atMs: 0, search: 'gpt-4o-2024-11-20' }).map((row) => row.key)).toEqual([
      'openai/gpt-4o',
    ]);
  });
});

describe('findModel', () => {
  it.each([
    ['openai/gpt-4o', undefined, 'openai/gpt-4o'],
    ['gpt-4o-2024-08-06', undefined, 'openai/gpt-4o'],
    ['claude-sonnet-4-5-20250929', undefined, 'anthropic/claude-sonnet-4-5'],
    [
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'aws',
      'aws/regional.anthropic.claude-sonnet-4-5-20250929-v1:0',
    ],
    ['openrouter/openai/o3', undefined, 'openai/o3'],
  ])('%s (provider %s) is %s', (model, provider, key) => {
    expect(findModel(BOOK, model, provider)).toEqual({ kind: 'found', key });
  });

  it('suggests the ids within a few edits of an unknown one', () => {
    expect(findModel(BOOK, 'gpt-4-o')).toEqual({ kind: 'unknown', suggestions: ['openai/gpt-4o'] });
    expect(findModel(BOOK, 'gpt-4o-mni')).toEqual({ kind: 'unknown', suggestions: ['openai/gpt-4o-mini'] });
    expect(findModel(BOOK, 'claude-sonet-4-5')).toEqual({
      kind: 'unknown',
      suggestions: ['anthropic/claude-sonnet-4-5', 'anthropic/claude-haiku-4-5'],
    });
    expect(findModel(BOOK, 'zzzzzz')).toEqual({ kind: 'unknown', suggestions: [] });
  });

  it('does not answer with another provider when one is given', () => {
    expect(findModel(BOOK, 'gpt-4o', 'aws')).toMatchObject({ kind: 'unknown' });
  });
});
