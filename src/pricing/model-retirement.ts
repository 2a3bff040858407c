import type { ModelEntry } from './price-book.ts';

/** A model retiring within this many days of the as-of day is flagged wherever it is proposed. */
export const RETIRING_SOON_DAYS = 90;

const DAY_MS = 86_400_000;

/**
 * Whether a model is still offered on a day: `available`, `retiring` (its date is at most
 * RETIRING_SOON_DAYS days ahead) or `retired` (its date is that day or before, or the source flags it
 * deprecated and gives no date).
 */
export interface ModelRetirement {
  readonly status: 'available' | 'retiring' | 'retired';
  /** The provider's retirement date (`YYYY-MM-DD`), null when the book has none. */
  readonly date: string | null;
  /** Whole days from the day asked about to `date` (0 or less once retired), null without a date. */
  readonly daysLeft: number | null;
}

/**
 * A model's retirement on `day` (`YYYY-MM-DD`), from its `deprecationDate`, else its `deprecated`
 * flag (retired at an unknown date, so on any day). Dates are calendar days: a model retiring on
 * 2025-09-29 is retired on that day.
 */
export function modelRetirement(
  entry: Pick<ModelEntry, 'deprecationDate' | 'deprecated'>,
  day: string,
): ModelRetirement {
  const date = entry.deprecationDate ?? null;
  if (date === null)
    return { status: entry.deprecated === true ? 'retired' : 'available', date: null, daysLeft: null };
  const daysLeft = Math.round((Date.parse(date) - Date.parse(day)) / DAY_MS);
  const status = daysLeft <= 0 ? 'retired' : daysLeft <= RETIRING_SOON_DAYS ? 'retiring' : 'available';
  return { status, date, daysLeft };
}
