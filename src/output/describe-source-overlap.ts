import type { SourceKind } from '../model/source-kind.ts';
import type { SourceOverlap } from '../model/source-overlap.ts';

/** How output names a source kind. */
export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  billing: 'billing export',
  requests: 'request logs',
};

/** A UTC day as YYYY-MM-DD. */
export function utcDay(dayStartMs: number): string {
  return new Date(dayStartMs).toISOString().slice(0, 10);
}

/**
 * Days as text, runs of consecutive days shortened to `first..last`: `2026-11-01..2026-11-03, 2026-11-09`.
 */
export function describeDays(dayStartsMs: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const start of dayStartsMs) {
    const last = runs.at(-1);
    if (last !== undefined && start - last[1] === 86_400_000) last[1] = start;
    else runs.push([start, start]);
  }
  return runs
    .map(([first, last]) => (first === last ? utcDay(first) : `${utcDay(first)}..${utcDay(last)}`))
    .join(', ');
}

/** The footnote line for one provider's overlap, saying which kind the figures use. */
export function describeSourceOverlap(overlap: SourceOverlap): string {
  const flag = overlap.kindUsed === 'billing' ? '--prefer logs' : '--prefer billing';
  return (
    `≈ ${overlap.provider}: a billing export and request logs both cover ${describeDays(overlap.dayStartsMs)} ` +
    `(UTC); these figures use the ${SOURCE_KIND_LABELS[overlap.kindUsed]} there, not both (${flag} to switch; ` +
    'llmcost reconcile compares them).'
  );
}
