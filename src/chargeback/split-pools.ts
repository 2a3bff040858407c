import type { SharedPool, SplitMethodName } from '../model/chargeback-config.ts';
import { PICO_PER_CENT, PICO_PER_USD, type PicoUsd } from '../model/money.ts';
import type { PoolAllocation } from './chargeback-statement.ts';
import { splitLargestRemainder } from './largest-remainder.ts';

/**
 * Splits every pool across its cost centers. A pool's amount (whole cents) is divided in whole cents
 * by largest remainder, so its shares add up to it exactly. `proportional` follows each cost center's
 * direct spend before any pool (so the pools' order does not matter); when none of them has any,
 * the split falls back to `even` and says so.
 */
export function splitPools(
  pools: readonly SharedPool[],
  poolAmounts: ReadonlyMap<string, PicoUsd>,
  directByCenter: ReadonlyMap<string, PicoUsd>,
): PoolAllocation[] {
  return pools.map((pool) => {
    const amountPico = poolAmounts.get(pool.name) ?? 0n;
    const { method, note, weights } = weightsOf(pool, directByCenter);
    const cents = splitLargestRemainder(amountPico / PICO_PER_CENT, weights);
    return {
      name: pool.name,
      source: pool.source.kind,
      method,
      note,
      amountPico,
      shares: pool.costCenters.map((costCenter, index) => ({
        costCenter,
        weight: weights[index] ?? 0n,
        amountPico: (cents[index] ?? 0n) * PICO_PER_CENT,
      })),
    };
  });
}

function weightsOf(
  pool: SharedPool,
  directByCenter: ReadonlyMap<string, PicoUsd>,
): { method: SplitMethodName; note: string | null; weights: bigint[] } {
  // Weights are pico-units throughout (a weight of 1 is 10¹²), so every method reads the same way.
  const even = pool.costCenters.map(() => PICO_PER_USD);
  switch (pool.method.kind) {
    case 'even':
      return { method: 'even', note: null, weights: even };
    case 'fixed': {
      const { weights } = pool.method;
      return { method: 'fixed', note: null, weights: pool.costCenters.map((id) => weights.get(id) ?? 0n) };
    }
    case 'proportional': {
      // Negative direct spend (refund lines) weighs nothing rather than taking a negative share.
      const direct = pool.costCenters.map((id) => {
        const spend = directByCenter.get(id) ?? 0n;
        return spend > 0n ? spend : 0n;
      });
      if (direct.some((spend) => spend > 0n)) return { method: 'proportional', note: null, weights: direct };
      return {
        method: 'even',
        note: 'proportional asked, but none of its cost centers has direct spend: split evenly',
        weights: even,
      };
    }
    default:
      return pool.method satisfies never;
  }
}
