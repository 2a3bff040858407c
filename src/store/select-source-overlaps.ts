import type { SourceKind } from '../model/source-kind.ts';
import type { Store } from './open-store.ts';

const DAY_MS = 86_400_000;

/** A provider and UTC day that both kinds of source cover: a billing export and request logs. */
export interface OverlapDay {
  readonly provider: string;
  /** Start of the UTC day, epoch ms. */
  readonly dayStartMs: number;
}

/** Which days to look at: the UTC days meeting [fromMs, toMs), optionally one provider's. */
export interface OverlapFilter {
  readonly fromMs: number | null;
  readonly toMs: number | null;
  readonly provider?: string | null;
}

/**
 * The providers and UTC days with usage from both source kinds, sorted by provider then day. Read
 * from the daily rollup (keyed by source kind), so it costs a few thousand rows at most.
 */
export function selectSourceOverlaps(store: Store, filter: OverlapFilter): OverlapDay[] {
  const conditions = ['records > 0'];
  const params: (string | number)[] = [];
  if (filter.fromMs !== null) {
    conditions.push('day_start_ms >= ?');
    params.push(Math.floor(filter.fromMs / DAY_MS) * DAY_MS);
  }
  if (filter.toMs !== null) {
    conditions.push('day_start_ms < ?');
    params.push(Math.trunc(filter.toMs));
  }
  if (filter.provider !== undefined && filter.provider !== null) {
    conditions.push('provider = ?');
    params.push(filter.provider);
  }
  return store
    .prepare(
      `SELECT provider, day_start_ms AS dayStartMs FROM usage_daily WHERE ${conditions.join(' AND ')}
       GROUP BY provider, day_start_ms HAVING COUNT(DISTINCT source_kind) > 1
       ORDER BY provider, day_start_ms`,
    )
    .all(...params) as OverlapDay[];
}

/**
 * SQL keeping a row of `table` (usage rows or a rollup) unless it is of the other kind than
 * `preferKind` on a provider and UTC day the preferred kind also covers. Both kinds are constants from
 * the SourceKind union, never user text.
 */
export function preferenceConditionSql(table: string, timeColumn: string, preferKind: SourceKind): string {
  const otherKind: SourceKind = preferKind === 'billing' ? 'requests' : 'billing';
  return `NOT (${table}.source_kind = '${otherKind}' AND EXISTS (SELECT 1 FROM usage_daily AS preferred
    WHERE preferred.day_start_ms = ${table}.${timeColumn} - (${table}.${timeColumn} % ${DAY_MS})
      AND preferred.provider = ${table}.provider AND preferred.source_kind = '${preferKind}'
      AND preferred.records > 0))`;
}
