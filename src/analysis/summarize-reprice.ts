import type { RepriceChange } from '../model/reprice-change.ts';
import { periodOf } from './period.ts';

/** The changes of one day (in the report's time zone), provider and model. */
export interface RepriceRow extends Omit<RepriceChange, 'hourStartMs'> {
  readonly day: string;
}

export interface RepriceSummary {
  readonly rows: readonly RepriceRow[];
  readonly totals: Omit<RepriceRow, 'day' | 'provider' | 'model'>;
}

/** Sums hourly reprice changes into days of `timeZone`, by day then by the largest change first. */
export function summarizeReprice(changes: readonly RepriceChange[], timeZone: string): RepriceSummary {
  const rows = new Map<string, { -readonly [K in keyof RepriceRow]: RepriceRow[K] }>();
  const totals = { records: 0, beforePico: 0n, afterPico: 0n, newlyPriced: 0, newlyUnpriced: 0 };
  for (const change of changes) {
    const day = periodOf(change.hourStartMs, 'day', timeZone).label;
    const key = `${day}\u0000${change.provider}\u0000${change.model}`;
    let row = rows.get(key);
    if (row === undefined) {
      row = { day, provider: change.provider, model: change.model, ...ZERO };
      rows.set(key, row);
    }
    for (const target of [row, totals]) {
      target.records += change.records;
      target.beforePico += change.beforePico;
      target.afterPico += change.afterPico;
      target.newlyPriced += change.newlyPriced;
      target.newlyUnpriced += change.newlyUnpriced;
    }
  }
  const magnitude = (row: RepriceRow): bigint => {
    const delta = row.afterPico - row.beforePico;
    return delta < 0n ? -delta : delta;
  };
  const sorted = [...rows.values()].sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      (magnitude(b) > magnitude(a) ? 1 : magnitude(b) < magnitude(a) ? -1 : 0) ||
      `${a.provider}/${a.model}`.localeCompare(`${b.provider}/${b.model}`),
  );
  return { rows: sorted, totals };
}

const ZERO = { records: 0, beforePico: 0n, afterPico: 0n, newlyPriced: 0, newlyUnpriced: 0 };
