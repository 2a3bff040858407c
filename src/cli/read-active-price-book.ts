import { readPriceBook } from '../pricing/read-price-book.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { InputError } from './errors.ts';
import type { Settings } from './settings.ts';

/** The price book commands price with (Settings.pricingFile, else the bundled one); unreadable → exit 1. */
export function readActivePriceBook(settings: Pick<Settings, 'pricingFile'>): PriceBook {
  return readPriceBookOrFail(settings.pricingFile ?? undefined);
}

export function readPriceBookOrFail(path?: string): PriceBook {
  try {
    return readPriceBook(path);
  } catch (error) {
    throw new InputError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
