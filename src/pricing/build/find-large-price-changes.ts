import type { ModelEntry, PricePeriod } from '../price-book.ts';
import { PRICE_SET_REQUIRED_FIELDS } from '../price-book.ts';
import { compareText } from './match-logic-to-rules.ts';

/** A change of this factor or more is far likelier a typo (LiteLLM #9833 was 10×) than a price move. */
export const SUSPICIOUS_FACTOR = 5;

/**
 * Compares the new book with the previous one and lists every token price that moved by 5× or more
 * (either way, or to/from zero) on a model no overlay entry speaks for. Prices are compared at each date
 * where either book starts a period, so a rewritten history and a new period are both caught.
 */
export function findLargePriceChanges(
  previous: Readonly<Record<string, ModelEntry>>,
  next: Readonly<Record<string, ModelEntry>>,
  confirmedModels: ReadonlySet<string>,
): string[] {
  const changes: string[] = [];
  for (const [key, nextModel] of Object.entries(next)) {
    const previousModel = previous[key];
    if (previousModel === undefined || confirmedModels.has(key)) continue;
    const dates = [
      ...new Set([...previousModel.periods, ...nextModel.periods].map((p) => p.effectiveFrom)),
    ].sort(compareText);
    for (const date of dates) {
      const before = periodAt(previousModel.periods, date);
      const after = periodAt(nextModel.periods, date);
      if (before === undefined || after === undefined) continue;
      for (const field of PRICE_SET_REQUIRED_FIELDS) {
        const [old, now] = [before.prices[field], after.prices[field]];
        if (isSuspicious(old, now))
          changes.push(`${key} ${field} at ${date}: ${old} → ${now} micro-USD per 1M tokens`);
      }
    }
  }
  return changes;
}

function periodAt(periods: readonly PricePeriod[], date: string): PricePeriod | undefined {
  return periods.filter((p) => p.effectiveFrom <= date).at(-1);
}

function isSuspicious(old: number, now: number): boolean {
  if (old === now) return false;
  if (old === 0 || now === 0) return true;
  return Math.max(old, now) >= SUSPICIOUS_FACTOR * Math.min(old, now);
}
