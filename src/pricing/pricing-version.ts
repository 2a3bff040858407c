import { createHash } from 'node:crypto';
import type { PriceBook } from './price-book.ts';
import type { PriceOverride } from './price-override.ts';

/**
 * The version stamped on every stored cost: the price book's own version, plus a hash of the user's
 * overrides when there are any (`sha256:c68c…+overrides:1f2e…`), so a changed negotiated rate is a
 * different pricing just as a changed catalogue is.
 */
export function pricingVersion(book: PriceBook, overrides: readonly PriceOverride[]): string {
  if (overrides.length === 0) return book.version;
  const hash = createHash('sha256').update(JSON.stringify(overrides)).digest('hex').slice(0, 16);
  return `${book.version}+overrides:${hash}`;
}
