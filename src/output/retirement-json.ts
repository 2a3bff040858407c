import type { RetirementNotes } from '../optimizer/strategies/screen-retired-models.ts';
import type { ModelRetirement } from '../pricing/model-retirement.ts';

/** A model's retirement: `date` `YYYY-MM-DD` (null: deprecated by the source, date unknown). */
export interface RetirementJson {
  readonly status: 'retiring' | 'retired';
  readonly date: string | null;
  /** Days from the as-of day to `date` (0 or less once retired), null without a date. */
  readonly daysLeft: number | null;
}

/** The candidates left out as retired on the as-of day `day` (`YYYY-MM-DD`). */
export interface RetiredCandidatesJson {
  readonly day: string;
  /** Retiring within this many days of `day` is flagged on a candidate (`retirement`). */
  readonly soonDays: number;
  /** How many candidate models were left out as retired. */
  readonly excludedCount: number;
  readonly excluded: readonly { readonly model: string; readonly date: string | null }[];
}

export function retiredCandidatesJson(retirement: RetirementNotes): RetiredCandidatesJson {
  return {
    day: retirement.day,
    soonDays: retirement.soonDays,
    excludedCount: retirement.excluded.length,
    excluded: retirement.excluded,
  };
}

/** The flag as JSON, or null for a model that is simply available. */
export function retirementJson(retirement: ModelRetirement | undefined): RetirementJson | null {
  if (retirement === undefined || retirement.status === 'available') return null;
  return { status: retirement.status, date: retirement.date, daysLeft: retirement.daysLeft };
}
