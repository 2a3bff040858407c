import {
  UNALLOCATED,
  type ChargebackAttribute,
  type ChargebackAttributes,
  type ChargebackConfig,
} from '../model/chargeback-config.ts';
import type { Dimension } from '../model/dimension.ts';
import { compileConditions } from './test-conditions.ts';

/**
 * Where one record's spend belongs: a declared cost center and its department, with the index of the
 * rule that matched (in `chargeback.rules`), or `Unallocated` (department `Unallocated`, rule null).
 */
export interface CostCenterMatch {
  readonly costCenter: string;
  readonly department: string | null;
  readonly ruleIndex: number | null;
}

export const UNALLOCATED_MATCH: CostCenterMatch = {
  costCenter: UNALLOCATED,
  department: UNALLOCATED,
  ruleIndex: null,
};

export type CostCenterMatcher = (attributes: ChargebackAttributes) => CostCenterMatch;

/**
 * Compiles the rules once into a matcher for many records: the first rule whose conditions all hold
 * wins; no match is `Unallocated`. Pools are not consulted (shared pools redistribute cost centers'
 * spend afterwards, see allocate-chargeback.ts).
 */
export function createCostCenterMatcher(
  chargeback: Pick<ChargebackConfig, 'rules' | 'costCenters'>,
): CostCenterMatcher {
  const departments = new Map(chargeback.costCenters.map((center) => [center.id, center.department]));
  const rules = chargeback.rules.map((rule, ruleIndex) => ({
    test: compileConditions(rule.conditions),
    match: {
      costCenter: rule.costCenter,
      department: departments.get(rule.costCenter) ?? null,
      ruleIndex,
    } satisfies CostCenterMatch,
  }));
  return (attributes) => rules.find((rule) => rule.test(attributes))?.match ?? UNALLOCATED_MATCH;
}

/** One record's cost center; for many records, compile once with `createCostCenterMatcher`. */
export function matchCostCenter(
  chargeback: Pick<ChargebackConfig, 'rules' | 'costCenters'>,
  attributes: ChargebackAttributes,
): CostCenterMatch {
  return createCostCenterMatcher(chargeback)(attributes);
}

/**
 * The store dimensions the rules and usage pools test, sorted: group the store by these (with
 * `selectUsageAggregates`) and every group has one cost center.
 */
export function chargebackDimensions(chargeback: Pick<ChargebackConfig, 'rules' | 'pools'>): Dimension[] {
  const attributes = new Set<ChargebackAttribute>();
  for (const rule of chargeback.rules)
    for (const condition of rule.conditions) attributes.add(condition.attribute);
  for (const pool of chargeback.pools) {
    if (pool.source.kind === 'usage') {
      for (const condition of pool.source.conditions) attributes.add(condition.attribute);
    }
  }
  return [...attributes].sort();
}

/** The attributes of a store group whose values follow `dimensions` (as `chargebackDimensions` gives them). */
export function attributesOfGroup(
  dimensions: readonly Dimension[],
  groupValues: readonly (string | null)[],
): ChargebackAttributes {
  const attributes: {
    team: string | null;
    project: string | null;
    apiKey: string | null;
    user: string | null;
    workspace: string | null;
    tags: Record<string, string>;
  } = { team: null, project: null, apiKey: null, user: null, workspace: null, tags: {} };
  dimensions.forEach((dimension, index) => {
    const value = groupValues[index] ?? null;
    if (dimension.startsWith('tag:')) {
      if (value !== null) attributes.tags[dimension.slice(4)] = value;
    } else if (
      dimension === 'team' ||
      dimension === 'project' ||
      dimension === 'apiKey' ||
      dimension === 'user' ||
      dimension === 'workspace'
    ) {
      attributes[dimension] = value;
    }
  });
  return attributes;
}
