/**
 * Who a piece of usage belongs to, as far as the records say: the attributes cost-center rules match
 * (team, project, API key, user, workspace, tags), with the provider and model it ran on. A FOCUS export
 * has one row per UTC day, model, line class and allocation key, so any rule can allocate its rows.
 */
export interface AllocationKey {
  readonly provider: string;
  readonly model: string;
  readonly project: string | null;
  readonly team: string | null;
  readonly user: string | null;
  readonly apiKey: string | null;
  readonly workspace: string | null;
  /** The record's tags, keys sorted. */
  readonly tags: Readonly<Record<string, string>>;
}

/** The cost center of an allocation key (chargeback rules), or null when there are no rules. */
export type CostCenterOf = (key: AllocationKey) => string | null;

/** Tags as a stored JSON object, keys sorted (so the same tags always read the same), `{}` for none. */
export function parseSortedTags(tagsJson: string | null): Readonly<Record<string, string>> {
  if (tagsJson === null || tagsJson === '' || tagsJson === '{}') return {};
  const parsed = JSON.parse(tagsJson) as Record<string, unknown>;
  const sorted: Record<string, string> = {};
  for (const name of Object.keys(parsed).sort()) sorted[name] = String(parsed[name]);
  return sorted;
}
