import type { RetirementNotes } from '../optimizer/strategies/screen-retired-models.ts';
import type { ModelRetirement } from '../pricing/model-retirement.ts';
import { formatCount } from './format-number.ts';

/** A table note: `retires 2026-12-01`, `retired 2025-09-29`, or `retired` when the source gives no date. */
export function retirementNote(retirement: ModelRetirement): string {
  if (retirement.status === 'retired')
    return retirement.date === null ? 'retired' : `retired ${retirement.date}`;
  return `retires ${retirement.date ?? '?'}`;
}

/**
 * A model's retirement in words: `2025-09-29, retired`, `2026-06-01, in 45 days` or `retired
 * (deprecated by the source, date unknown)`; null when nothing is known of one.
 */
export function describeRetirement(retirement: ModelRetirement): string | null {
  if (retirement.date === null)
    return retirement.status === 'retired' ? 'retired (deprecated by the source, date unknown)' : null;
  if (retirement.status === 'retired') return `${retirement.date}, retired`;
  return `${retirement.date}, ${daysText(retirement.daysLeft ?? 0)}`;
}

/** `in 1 day`, `in 45 days`. */
export function daysText(days: number): string {
  return `in ${formatCount(days)} day${days === 1 ? '' : 's'}`;
}

/** Candidate models a note names before it says how many more (`--format json` lists them all). */
const LISTED_RETIRED = 8;

/**
 * The note on the candidate models left out as retired on the as-of day (`Retired: 3 candidate models
 * left out, …`), or null when none were.
 */
export function retiredCandidatesNote(retirement: RetirementNotes): string | null {
  const { excluded, day } = retirement;
  if (excluded.length === 0) return null;
  const listed = excluded
    .slice(0, LISTED_RETIRED)
    .map(({ model, date }) => `${model} (${date ?? 'deprecated, no date'})`);
  const more = excluded.length - listed.length;
  return (
    `Retired: ${formatCount(excluded.length)} candidate model${excluded.length === 1 ? '' : 's'} left out, retired on or before ${day} ` +
    `(the provider's date in the price book): ${listed.join(', ')}${more > 0 ? ` and ${formatCount(more)} more (--format json)` : ''}.`
  );
}
