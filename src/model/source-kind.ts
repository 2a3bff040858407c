/**
 * What a source describes. `billing`: a provider's aggregate usage or cost export (buckets per day and
 * model, stated costs). `requests`: request-level logs (gateways, SDK logs, Claude Code). The two kinds
 * can describe the same traffic, so reports never add them up for one provider and UTC day: they use
 * the preferred kind there (see `PreferredKind`).
 */
export type SourceKind = 'billing' | 'requests';

export const SOURCE_KINDS: readonly SourceKind[] = ['billing', 'requests'];

/** The kind a report uses where both kinds cover one provider and UTC day: `--prefer billing|logs`. */
export type SourcePreference = 'billing' | 'logs';

export const SOURCE_PREFERENCES: readonly SourcePreference[] = ['billing', 'logs'];

export function preferredKind(preference: SourcePreference): SourceKind {
  return preference === 'billing' ? 'billing' : 'requests';
}
