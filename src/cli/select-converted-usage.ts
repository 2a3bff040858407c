import { convertSlices, type CurrencyConversion } from '../analysis/convert-currency.ts';
import type { Store } from '../store/open-store.ts';
import {
  selectUsageAggregates,
  type AggregateQuery,
  type UsageAggregate,
} from '../store/select-usage-aggregates.ts';
import { InputError } from './errors.ts';
import { loadExchangeRates } from './load-exchange-rates.ts';
import type { Settings } from './settings.ts';

/**
 * Usage aggregates in `settings.currency`: USD amounts converted per slice at its UTC day's rate, as
 * `llmcost report` does (slices must be a day or shorter for the rate to be the day's).
 */
export function selectConvertedUsage(
  store: Store,
  query: AggregateQuery,
  settings: Settings,
  cwd: string,
): { readonly slices: readonly UsageAggregate[]; readonly exchange: CurrencyConversion | null } {
  const slices = selectUsageAggregates(store, query);
  const rates = loadExchangeRates(settings, cwd);
  if (rates === null) return { slices, exchange: null };
  const converted = convertSlices(slices, rates, settings.currency);
  if (!converted.ok) throw new InputError(converted.message);
  return { slices: converted.slices, exchange: converted.conversion };
}
