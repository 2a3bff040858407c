import type { PricePeriod } from './price-book.ts';

/**
 * The index of the period in effect at `atMs`: the last one starting at or before it, as pricing
 * chooses (compute-record-cost.ts). -1 before the first period.
 */
export function periodIndexInEffect(periods: readonly PricePeriod[], atMs: number): number {
  let found = -1;
  periods.forEach((period, index) => {
    if (Date.parse(period.effectiveFrom) <= atMs) found = index;
  });
  return found;
}

export function periodInEffect(periods: readonly PricePeriod[], atMs: number): PricePeriod | undefined {
  return periods[periodIndexInEffect(periods, atMs)];
}
