import { createHash } from 'node:crypto';
import type { PriceBook } from '../price-book.ts';

/**
 * Pretty JSON with a content hash as `version`: the same inputs give byte-identical output, and the
 * version changes exactly when a price, rule or model does (no timestamps inside).
 */
export function serializePriceBook(book: Omit<PriceBook, 'version'>): string {
  const body = JSON.stringify(book);
  const version = `sha256:${createHash('sha256').update(body).digest('hex').slice(0, 16)}`;
  return `${JSON.stringify({ version, ...book }, null, 2)}\n`;
}
