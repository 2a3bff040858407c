import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPriceBook } from '../../src/pricing/read-price-book.ts';
import { validatePriceBook } from '../../src/pricing/validate-price-book.ts';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/pricing/${name}`, import.meta.url));
const brokenProblems = (): string[] => {
  const result = validatePriceBook(JSON.parse(readFileSync(fixture('broken-book.json'), 'utf8')));
  return result.ok ? [] : result.problems;
};

describe('validatePriceBook', () => {
  it('accepts the small fixture and the shipped book', () => {
    expect(validatePriceBook(JSON.parse(readFileSync(fixture('small-book.json'), 'utf8')))).toMatchObject({
      ok: true,
    });
    expect(readPriceBook().generatedFrom.source).toBe('@pydantic/genai-prices');
  });

  it.each([
    'batchMultipliers["acme"]: expected { "numerator", "denominator" } positive integers, got {"numerator":1,"denominator":0}',
    'models["acme/widget"].match.exact: expected an array of non-empty lower-case strings, got ["Widget"]',
    'models["acme/widget"].match.pattern: expected a valid regular expression',
    'models["acme/widget"].periods[0].prices.input: expected a non-negative integer of micro-USD per 1M tokens, got 2.5',
    'models["acme/widget"].periods[1].effectiveFrom: expected a date after the previous period, got "2025-01-01"',
    'models["acme/widget"].periods[1].layer: expected "catalogue" or "overlay", got "guess"',
    'models["acme/widget"].periods[1].prices.output: expected a non-negative integer of micro-USD per 1M tokens, got -3',
    'models["acme/widget"].periods[1].prices.cacheWrite2h: expected one of input, output',
  ])('names the model and field: %s', (problem) => {
    expect(brokenProblems().some((line) => line.startsWith(problem))).toBe(true);
  });

  it('finds exactly the 8 problems of the broken fixture', () => {
    expect(brokenProblems()).toHaveLength(8);
  });

  it.each<[unknown, string]>([
    [null, '(top level): expected an object, got null'],
    [
      {
        generatedFrom: { source: 's', version: '1', license: 'MIT' },
        batchMultipliers: {},
        providers: {},
        models: {},
      },
      'version: expected a non-empty string, got nothing',
    ],
    [
      {
        version: 'v',
        generatedFrom: { source: 's', version: '1', license: 'MIT' },
        batchMultipliers: {},
        providers: {},
        models: {
          'a/b': { provider: 'a', model: 'b', name: 'B', match: { exact: [], prefixes: [] }, periods: [] },
        },
      },
      'models["a/b"].periods: expected a non-empty array, got []',
    ],
    [
      modelBook({ maxOutputTokens: 0 }),
      'models["a/b"].maxOutputTokens: expected a positive integer of tokens, got 0',
    ],
    [
      modelBook({ deprecationDate: '2026-02-30' }),
      'models["a/b"].deprecationDate: expected a calendar date (YYYY-MM-DD), got "2026-02-30"',
    ],
    [
      modelBook({ deprecationDate: '2026-03-01T00:00Z' }),
      'models["a/b"].deprecationDate: expected a calendar date (YYYY-MM-DD), got "2026-03-01T00:00Z"',
    ],
    [
      modelBook({ deprecated: false }),
      'models["a/b"].deprecated: expected true, or the field left out, got false',
    ],
  ])('rejects %j', (json, problem) => {
    expect(validatePriceBook(json)).toEqual({ ok: false, problems: [problem] });
  });
});

describe('validatePriceBook on retirement fields', () => {
  it('accepts a deprecation date and the deprecated flag', () => {
    expect(validatePriceBook(modelBook({ deprecationDate: '2025-09-29', deprecated: true })).ok).toBe(true);
  });
});

/** A one-model book whose model has `fields` on top of the required ones. */
function modelBook(fields: Record<string, unknown>): unknown {
  return {
    version: 'v',
    generatedFrom: { source: 's', version: '1', license: 'MIT' },
    batchMultipliers: {},
    providers: {},
    models: {
      'a/b': {
        provider: 'a',
        model: 'b',
        name: 'B',
        ...fields,
        match: { exact: [], prefixes: [] },
        periods: [
          {
            effectiveFrom: '2025-01-01',
            layer: 'catalogue',
            prices: { input: 1, output: 1, cacheRead: 1, cacheWrite5m: 1, cacheWrite1h: 1 },
          },
        ],
      },
    },
  };
}

describe('readPriceBook', () => {
  it('throws naming the file, the model and the field', () => {
    expect(() => readPriceBook(fixture('broken-book.json'))).toThrow(
      /broken-book\.json: invalid price book \(8 problems\):[\s\S]*models\["acme\/widget"\]\.periods\[0\]\.prices\.input/,
    );
  });

  it('throws naming a file it cannot read', () => {
    expect(() => readPriceBook(fixture('missing.json'))).toThrow(/missing\.json: cannot read the price book/);
  });
});
