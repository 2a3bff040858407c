import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PriceBook } from './price-book.ts';
import { validatePriceBook } from './validate-price-book.ts';

/** The shipped catalogue: `dist/pricing/` and `src/pricing/` both sit two levels below the package root. */
const SHIPPED_PRICE_BOOK = fileURLToPath(new URL('../../pricing.json', import.meta.url));

/**
 * Reads and validates a price book: the given file, or the `pricing.json` shipped with llmcost. The only
 * pricing module that touches the file system. Throws naming the file, and for invalid content every
 * model and field at fault.
 */
export function readPriceBook(path: string = SHIPPED_PRICE_BOOK): PriceBook {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `${path}: cannot read the price book: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const result = validatePriceBook(json);
  if (!result.ok) {
    throw new Error(
      `${path}: invalid price book (${result.problems.length} problems):\n  ${result.problems.join('\n  ')}`,
    );
  }
  return result.book;
}
