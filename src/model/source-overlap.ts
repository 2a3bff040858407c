import type { SourceKind } from './source-kind.ts';

/**
 * A provider whose usage on some UTC days comes from both kinds of source (a billing export and
 * request logs): reports read only `kindUsed` on those days, never the sum of both.
 */
export interface SourceOverlap {
  readonly provider: string;
  /** Start of each UTC day concerned, epoch ms, ascending. */
  readonly dayStartsMs: readonly number[];
  readonly kindUsed: SourceKind;
  readonly kindLeftOut: SourceKind;
}

/** Groups the overlapping (provider, UTC day) pairs by provider, sorted by provider then day. */
export function groupSourceOverlaps(
  days: readonly { readonly provider: string; readonly dayStartMs: number }[],
  kindUsed: SourceKind,
): SourceOverlap[] {
  const byProvider = new Map<string, number[]>();
  for (const { provider, dayStartMs } of days) {
    const starts = byProvider.get(provider) ?? [];
    starts.push(dayStartMs);
    byProvider.set(provider, starts);
  }
  const kindLeftOut: SourceKind = kindUsed === 'billing' ? 'requests' : 'billing';
  return [...byProvider.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([provider, starts]) => ({
      provider,
      dayStartsMs: [...starts].sort((left, right) => left - right),
      kindUsed,
      kindLeftOut,
    }));
}
