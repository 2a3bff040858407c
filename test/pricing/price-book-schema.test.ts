import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { validatePriceBook } from '../../src/pricing/validate-price-book.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const validateSchema = new Ajv({ allErrors: true }).compile(
  read('src/pricing/price-book.schema.json') as object,
);

describe('the price book JSON Schema agrees with the validator used at load', () => {
  it.each(['pricing.json', 'fixtures/pricing/small-book.json', 'fixtures/pricing/catalogue-excerpt.json'])(
    'accepts %s',
    (path) => {
      const book = read(path);
      expect(validatePriceBook(book).ok).toBe(true);
      expect(validateSchema(book), JSON.stringify(validateSchema.errors?.slice(0, 3))).toBe(true);
    },
  );

  it('accepts a deprecation date and the deprecated flag', () => {
    const book = structuredClone(read('fixtures/pricing/small-book.json')) as {
      models: Record<string, object>;
    };
    const [key] = Object.keys(book.models);
    Object.assign(book.models[key ?? ''] ?? {}, { deprecationDate: '2025-09-29', deprecated: true });
    expect(validatePriceBook(book).ok).toBe(true);
    expect(validateSchema(book), JSON.stringify(validateSchema.errors?.slice(0, 3))).toBe(true);
  });

  it('rejects the broken fixture, and each single-field breakage the validator rejects', () => {
    expect(validatePriceBook(read('fixtures/pricing/broken-book.json')).ok).toBe(false);
    expect(validateSchema(read('fixtures/pricing/broken-book.json'))).toBe(false);
    const good = read('fixtures/pricing/small-book.json') as {
      models: Record<string, { periods: object[] }>;
    };
    const key = Object.keys(good.models)[0] ?? '';
    const breakages: ((book: typeof good) => void)[] = [
      (book) => Object.assign(book.models[key]?.periods[0] ?? {}, { prices: { input: 2.5 } }),
      (book) => Object.assign(book.models[key]?.periods[0] ?? {}, { layer: 'guess' }),
      (book) => Object.assign(book.models[key]?.periods[0] ?? {}, { effectiveFrom: 'yesterday' }),
      (book) => Object.assign(book.models[key] ?? {}, { match: { exact: ['GPT-4o'], prefixes: [] } }),
      (book) => Object.assign(book.models[key] ?? {}, { periods: [] }),
      (book) => Object.assign(book.models[key] ?? {}, { deprecationDate: 'soon' }),
      (book) => Object.assign(book.models[key] ?? {}, { deprecated: false }),
    ];
    for (const breakage of breakages) {
      const book = structuredClone(good);
      breakage(book);
      expect(validatePriceBook(book).ok).toBe(false);
      expect(validateSchema(book)).toBe(false);
    }
  });
});
