import { createPricer } from '../pricing/create-pricer.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { pricingVersion } from '../pricing/pricing-version.ts';
import { readPriceBook } from '../pricing/read-price-book.ts';
import type { PricingInput, RecordCost } from '../pricing/record-cost.ts';
import { ConfigError } from './errors.ts';
import type { Settings } from './settings.ts';

/** The active pricing: the price book, the user's overrides on top, and the version they stamp. */
export interface LoadedPricing {
  readonly book: PriceBook;
  /** `book.version`, plus the overrides' hash when there are any (pricing-version.ts). */
  readonly version: string;
  readonly price: (usage: PricingInput) => RecordCost;
}

/**
 * Reads the active price book (`--pricing`, `LLMCOST_PRICING`, the config's `pricingFile`, else the
 * bundled pricing.json) and applies the config's `priceOverrides`. An override naming a model or
 * provider the book lacks is a config error (exit 2).
 */
export function loadPricing(settings: Pick<Settings, 'pricingFile' | 'priceOverrides'>): LoadedPricing {
  const book = readPriceBook(settings.pricingFile ?? undefined);
  let price: LoadedPricing['price'];
  try {
    price = createPricer(book, settings.priceOverrides);
  } catch (error) {
    throw new ConfigError(`priceOverrides: ${(error as Error).message}`);
  }
  return { book, version: pricingVersion(book, settings.priceOverrides), price };
}
