import { UNALLOCATED, type ChargebackAttributes, type ChargebackConfig } from '../model/chargeback-config.ts';
import { createCostCenterMatcher } from './match-cost-center.ts';
import { compileConditions } from './test-conditions.ts';

/** Where a usage group's spend goes: a cost center's direct spend (Unallocated included), or a pool. */
export type UsageBucket =
  { readonly kind: 'direct'; readonly costCenter: string } | { readonly kind: 'pool'; readonly pool: string };

/**
 * Compiles the config into one decision per usage group: the first usage pool whose conditions hold
 * (eval runs by tag) takes it; otherwise the rules give a cost center, and usage no rule matched goes
 * to the pool that takes Unallocated, if there is one, else stays in Unallocated.
 */
export function createUsageClassifier(
  chargeback: ChargebackConfig,
): (attributes: ChargebackAttributes) => UsageBucket {
  const usagePools = chargeback.pools.flatMap((pool) =>
    pool.source.kind === 'usage'
      ? [{ name: pool.name, test: compileConditions(pool.source.conditions) }]
      : [],
  );
  const unallocatedPool = chargeback.pools.find((pool) => pool.source.kind === 'unallocated')?.name ?? null;
  const match = createCostCenterMatcher(chargeback);
  return (attributes) => {
    const pool = usagePools.find((candidate) => candidate.test(attributes));
    if (pool !== undefined) return { kind: 'pool', pool: pool.name };
    const { costCenter } = match(attributes);
    if (costCenter === UNALLOCATED && unallocatedPool !== null)
      return { kind: 'pool', pool: unallocatedPool };
    return { kind: 'direct', costCenter };
  };
}
