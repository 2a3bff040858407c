import { modelRetirement, type ModelRetirement } from '../../pricing/model-retirement.ts';
import type { PriceBook } from '../../pricing/price-book.ts';

/** What the optimizer knows of retirements on the as-of day, for its output. */
export interface RetirementNotes {
  /** The as-of day retirements were judged on (`YYYY-MM-DD`). */
  readonly day: string;
  /** How many days ahead a retirement is flagged (RETIRING_SOON_DAYS). */
  readonly soonDays: number;
  /**
   * Candidates left out: retired on or before `day` (`date` null: the source flags the model
   * deprecated without a date). Sorted by model.
   */
  readonly excluded: readonly { readonly model: string; readonly date: string | null }[];
  /** Shown models (kept candidates, current models) that retire within `soonDays` days or are retired. */
  readonly flags: ReadonlyMap<string, ModelRetirement>;
}

/**
 * Splits candidate models (price-book keys) by what the book says of their retirement on `day`: a
 * retired model is never proposed (the advice would be useless); the others are kept, those retiring
 * within RETIRING_SOON_DAYS days to be flagged (retirementFlags). A key the book does not hold is kept.
 */
export function screenRetiredModels(
  candidates: readonly string[],
  book: PriceBook,
  day: string,
): { readonly kept: string[]; readonly excluded: RetirementNotes['excluded'] } {
  const kept: string[] = [];
  const excluded: { model: string; date: string | null }[] = [];
  for (const model of candidates) {
    const entry = book.models[model];
    const retirement = entry === undefined ? null : modelRetirement(entry, day);
    if (retirement?.status === 'retired') excluded.push({ model, date: retirement.date });
    else kept.push(model);
  }
  return { kept, excluded: excluded.sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0)) };
}

/** The retirement of each of `models` (price-book keys) that is retiring soon or retired on `day`. */
export function retirementFlags(
  models: Iterable<string>,
  book: PriceBook,
  day: string,
): Map<string, ModelRetirement> {
  const flags = new Map<string, ModelRetirement>();
  for (const model of models) {
    const entry = book.models[model];
    const retirement = entry === undefined ? null : modelRetirement(entry, day);
    if (retirement !== null && retirement.status !== 'available') flags.set(model, retirement);
  }
  return flags;
}
