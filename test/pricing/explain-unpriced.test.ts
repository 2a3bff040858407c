import { describe, expect, it } from 'vitest';
import { explainUnpriced } from '../../src/pricing/explain-unpriced.ts';
import { readPriceBook } from '../../src/pricing/read-price-book.ts';

const book = readPriceBook();
const usage = { records: 2, requests: 2, requestsUnknown: 0, tokens: 100 };

describe('explainUnpriced', () => {
  it('says what was tried and suggests the nearest ids for an unknown model', () => {
    const [item] = explainUnpriced(book, [
      {
        ...usage,
        provider: 'openai',
        model: 'gpt-4oo-2024-08-06',
        reason: 'no price for model "gpt-4oo-2024-08-06" (provider "openai")',
      },
    ]);
    expect(item?.matchesNow).toBeNull();
    expect(item?.triedIds).toEqual(['gpt-4oo-2024-08-06', 'gpt-4oo']);
    expect(item?.suggestions[0]).toBe('openai/gpt-4o');
    expect(item?.fix).toMatch(/^import a newer price list/);
  });

  it('tells to reprice when the active book now knows the model', () => {
    const [item] = explainUnpriced(book, [
      {
        ...usage,
        provider: 'openai',
        model: 'gpt-4o',
        reason: 'no price for model "gpt-4o" (provider "openai")',
      },
    ]);
    expect(item?.matchesNow).toBe('openai/gpt-4o');
    expect(item?.fix).toBe('the active price book now has openai/gpt-4o: run llmcost reprice');
  });

  it('points a missing service tier at a tier override', () => {
    const [item] = explainUnpriced(book, [
      {
        ...usage,
        provider: 'openai',
        model: 'o3',
        reason: 'no "flex" service-tier price for model "o3" (openai/o3)',
      },
    ]);
    expect(item?.fix).toContain('"model": "openai/o3", "serviceTier": "flex"');
  });
});
